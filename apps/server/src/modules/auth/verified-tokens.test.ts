import { describe, expect, it } from 'vitest';
import { createVerifiedTokens, type TimeClaims } from './verified-tokens.js';

type Claims = TimeClaims & { sub: string };

describe('verified tokens (claims of tokens whose signature was checked)', () => {
  it('recalls a kept token by its whole string only', () => {
    const verified = createVerifiedTokens<Claims>();
    verified.keep('h.p.s', { sub: 'u1', exp: 1_000 });
    expect(verified.recall('h.p.s', 999)).toEqual({ sub: 'u1', exp: 1_000 });
    // Another signature, other claims, a prefix or a longer string: not the token that was verified.
    for (const other of ['h.p.S', 'h.P.s', 'h.p.', 'h.p.ss', ' h.p.s']) expect(verified.recall(other, 999)).toBeUndefined();
  });

  it('checks the expiry on every recall, as the full verify does (expired when exp <= now)', () => {
    const verified = createVerifiedTokens<Claims>();
    verified.keep('t', { sub: 'u1', exp: 1_000 });
    expect(verified.recall('t', 999)).toBeDefined();
    expect(verified.recall('t', 1_000)).toBeUndefined();
    // Forgotten once expired, even if the clock went back.
    expect(verified.recall('t', 500)).toBeUndefined();
    expect(verified.size).toBe(0);
  });

  it('never recalls a token before its nbf, nor one without an expiry', () => {
    const verified = createVerifiedTokens<Claims>();
    verified.keep('later', { sub: 'u1', exp: 2_000, nbf: 1_500 });
    expect(verified.recall('later', 1_499)).toBeUndefined();
    verified.keep('later', { sub: 'u1', exp: 2_000, nbf: 1_500 });
    expect(verified.recall('later', 1_500)).toBeDefined();
    verified.keep('forever', { sub: 'u2' });
    expect(verified.recall('forever', 0)).toBeUndefined();
  });

  it('keeps at most its limit, forgetting the oldest first', () => {
    const verified = createVerifiedTokens<Claims>(3);
    for (const t of ['a', 'b', 'c', 'd']) verified.keep(t, { sub: t, exp: 1_000 });
    expect(verified.size).toBe(3);
    expect(verified.recall('a', 0)).toBeUndefined();
    expect(['b', 'c', 'd'].map((t) => verified.recall(t, 0)?.sub)).toEqual(['b', 'c', 'd']);
    // Keeping a token it holds again does not push another out.
    verified.keep('b', { sub: 'b', exp: 1_000 });
    expect(['b', 'c', 'd'].map((t) => verified.recall(t, 0)?.sub)).toEqual(['b', 'c', 'd']);
  });

  it('hands out claims nobody can change', () => {
    const verified = createVerifiedTokens<Claims>();
    verified.keep('t', { sub: 'u1', exp: 1_000 });
    const claims = verified.recall('t', 0)!;
    expect(() => Object.assign(claims, { sub: 'admin' })).toThrow(TypeError);
    expect(verified.recall('t', 0)?.sub).toBe('u1');
  });
});
