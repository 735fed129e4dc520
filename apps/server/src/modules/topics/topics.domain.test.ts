import { describe, expect, it } from 'vitest';
import { grantAllows } from './topics.domain.js';

describe('topic grants', () => {
  it('exact names and kind:* patterns', () => {
    expect(grantAllows(['request:42'], 'request:42')).toBe(true);
    expect(grantAllows(['request:42'], 'request:43')).toBe(false);
    expect(grantAllows(['request:*'], 'request:43')).toBe(true);
    expect(grantAllows(['request:*'], 'checkout:7')).toBe(false);
    expect(grantAllows(['req:*'], 'request:1')).toBe(false);
  });
  it('nothing without a grant; no wildcard beyond kind:*', () => {
    expect(grantAllows(undefined, 'request:1')).toBe(false);
    expect(grantAllows([], 'request:1')).toBe(false);
    expect(grantAllows(['*'], 'request:1')).toBe(false);
    expect(grantAllows(['request*'], 'request:1')).toBe(false);
  });
});
