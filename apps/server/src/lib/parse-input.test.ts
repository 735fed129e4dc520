import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseInput } from './parse-input.js';

const Ref = z.object({ auctionId: z.string().min(1).max(64), tags: z.array(z.string()).max(3).optional() });

describe('parseInput', () => {
  it('answers what zod answers for ordinary input', () => {
    expect(parseInput(Ref, { auctionId: 'a1' })).toEqual({ success: true, data: { auctionId: 'a1' } });
    expect(parseInput(Ref, { auctionId: '' })).toMatchObject({ success: false, issues: [{ path: 'auctionId', code: 'too_small' }] });
  });

  it.each([
    ['a text field', { auctionId: { length: { toString: 0 } } }, 'auctionId'],
    ['a list field', { auctionId: 'a1', tags: { length: [{ toString: 0 }] } }, 'tags'],
  ])('refuses an object whose length zod cannot compare (%s), naming the field', (_label, value, path) => {
    // The precondition: zod itself throws on this value rather than failing.
    expect(() => Ref.safeParse(value)).toThrow(TypeError);
    expect(parseInput(Ref, value)).toEqual({
      success: false,
      issues: [{ path, message: 'Expected text or a list; received an object whose length is not a number.', code: 'invalid_type' }],
    });
  });

  it('does not follow a hostile nesting: a deep list is cut short, a field buried deeper than any schema reads as the root', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const Deep = z.object({ tags: z.unknown(), auctionId: z.string().min(1) });
    expect(parseInput(Deep, { tags: deep, auctionId: { length: { toString: 0 } } })).toMatchObject({ success: false, issues: [{ path: 'auctionId' }] });

    let schema: z.ZodType = z.object({ auctionId: z.string().min(1) });
    let value: unknown = { auctionId: { length: { toString: 0 } } };
    for (let i = 0; i < 20; i++) {
      schema = z.object({ inner: schema });
      value = { inner: value };
    }
    expect(() => schema.safeParse(value)).toThrow(TypeError);
    expect(parseInput(schema, value)).toMatchObject({ success: false, issues: [{ path: '(root)' }] });
  });

  it('lets an error that is not the input\'s doing through', () => {
    const broken = z.string().transform(() => {
      throw new RangeError('a bug in a schema');
    });
    expect(() => parseInput(broken, 'x')).toThrow(RangeError);
  });
});
