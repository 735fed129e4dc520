// The brand check of BidwireError: it must hold across two copies of the class (ESM and CJS builds
// loaded side by side), which a fresh module instance stands in for here.
import { describe, expect, test, vi } from 'vitest';
import { BidwireError, isBidwireError, isCommandError } from './errors.js';
import { settle } from './bidwire-promise.js';

async function otherCopy(): Promise<typeof import('./errors.js')> {
  vi.resetModules();
  const copy = await import('./errors.js');
  expect(copy.BidwireError).not.toBe(BidwireError); // really another class
  return copy;
}

describe('BidwireError', () => {
  test('is an Error with its fields, named BidwireError', () => {
    const cause = new Error('low level');
    const e = new BidwireError({ code: 'BID_TOO_LOW', command: 'placeBid', message: 'Too low.', details: { min: 10 }, cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'BidwireError', code: 'BID_TOO_LOW', command: 'placeBid', message: 'Too low.', details: { min: 10 }, status: undefined });
    expect(e.cause).toBe(cause);
    expect(Object.getOwnPropertySymbols(e)).toEqual([]); // the brand is not an own property
  });

  test('isBidwireError and instanceof recognise an error made by another copy of the class', async () => {
    const copy = await otherCopy();
    const foreign = new copy.BidwireError({ code: 'NOT_FOUND', command: 'joinAuction', message: 'Auction not found.' });
    expect(isBidwireError(foreign)).toBe(true);
    expect(foreign instanceof BidwireError).toBe(true);
    expect(copy.isBidwireError(new BidwireError({ code: 'TIMEOUT', command: 'x', message: 'm' }))).toBe(true);
    expect(isBidwireError(foreign, 'joinAuction')).toBe(true);
    expect(isCommandError(foreign, 'placeBid')).toBe(false);
  });

  test('rejects look-alikes and non-errors', () => {
    const lookAlike = Object.assign(new Error('m'), { name: 'BidwireError', code: 'NOT_FOUND', command: 'joinAuction' });
    for (const value of [lookAlike, null, undefined, 'BidwireError', { code: 'NOT_FOUND' }]) {
      expect(isBidwireError(value)).toBe(false);
      expect(value instanceof BidwireError).toBe(false);
    }
  });

  test('a subclass keeps ordinary instanceof semantics', () => {
    class AppError extends BidwireError {}
    expect(new AppError({ code: 'INTERNAL', command: 'x', message: 'm' })).toBeInstanceOf(AppError);
    expect(new BidwireError({ code: 'INTERNAL', command: 'x', message: 'm' }) instanceof AppError).toBe(false);
  });
});

describe('settle', () => {
  test('resolves to { ok: true, data } or { ok: false, error }, and rethrows what is not a BidwireError', async () => {
    const error = new BidwireError({ code: 'TIMEOUT' as const, command: 'timeSync', message: 'm' });
    await expect(settle(Promise.resolve(1) as never)).resolves.toEqual({ ok: true, data: 1 });
    await expect(settle(Promise.reject(error) as never)).resolves.toEqual({ ok: false, error });
    const bug = new TypeError('bug');
    await expect(settle(Promise.reject(bug) as never)).rejects.toBe(bug);
  });
});
