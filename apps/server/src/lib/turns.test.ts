import { describe, expect, it } from 'vitest';
import { afterThisTurn, nextTurn } from './turns.js';

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('turns', () => {
  it('resumes every waiter of a turn together, and flushes what they ask for in that same turn', async () => {
    const order: string[] = [];
    const waiter = (name: string) =>
      nextTurn().then(() => {
        order.push(`${name} resumed`);
        afterThisTurn(() => order.push(`flush for ${name}`));
        setImmediate(() => order.push(`next turn after ${name}`)); // queued now: runs in the next turn
      });
    await Promise.all([waiter('a'), waiter('b')]);
    await settled();
    expect(order).toEqual(['a resumed', 'b resumed', 'flush for a', 'flush for b', 'next turn after a', 'next turn after b']);
  });

  it('flushes what an I/O or timer callback asks for in the check phase of the same turn', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        afterThisTurn(() => order.push('flush'));
        afterThisTurn(() => order.push('second flush'));
        setTimeout(() => {
          order.push('next timer');
          resolve();
        }, 0);
      }, 0),
    );
    expect(order).toEqual(['flush', 'second flush', 'next timer']);
  });
});
