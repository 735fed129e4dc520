import { describe, expect, it } from 'vitest';
import {
  assertMayAdd, assertMayChangeMessage, assertMayRemove, assertParticipant, directKey, kindFor, participantSet, previewOf,
} from './chat.domain.js';

describe('participants', () => {
  it('includes the caller once, first, and needs someone else', () => {
    expect(participantSet('me', ['a', 'me', 'a', 'b'])).toEqual(['me', 'a', 'b']);
    expect(() => participantSet('me', ['me'])).toThrow('Add at least one other participant.');
    expect(() => participantSet('me', Array.from({ length: 100 }, (_, i) => `u${i}`))).toThrow('at most 100');
  });
  it('a pair without a title is direct; a title or more people make a group', () => {
    expect(kindFor(['me', 'a'], undefined)).toBe('direct');
    expect(kindFor(['me', 'a'], 'Deal')).toBe('group');
    expect(kindFor(['me', 'a', 'b'], undefined)).toBe('group');
  });
  it('a pair has one key whoever starts', () => {
    expect(directKey('b', 'a')).toBe(directKey('a', 'b'));
  });
  it('non-participants are refused', () => {
    expect(() => assertParticipant(false)).toThrow('You are not a participant in this conversation.');
    expect(() => assertParticipant(true)).not.toThrow();
  });
  it('nobody adds to a direct conversation, nor past 100', () => {
    expect(() => assertMayAdd('direct', 2, 1)).toThrow(/one-to-one/);
    expect(() => assertMayAdd('group', 99, 2)).toThrow(/at most 100/);
    expect(() => assertMayAdd('group', 3, 1)).not.toThrow();
  });
  it('anyone removes themselves; only the creator removes others', () => {
    expect(() => assertMayRemove('c', 'x', 'x')).not.toThrow();
    expect(() => assertMayRemove('c', 'c', 'x')).not.toThrow();
    expect(() => assertMayRemove('c', 'x', 'y')).toThrow('Only the conversation creator can remove other participants.');
  });
});

describe('messages', () => {
  it('only the sender changes a message, and not once deleted', () => {
    expect(() => assertMayChangeMessage({ senderId: 'a', deletedAt: null }, 'a')).not.toThrow();
    expect(() => assertMayChangeMessage({ senderId: 'a', deletedAt: null }, 'b')).toThrow('Only the sender can change this message.');
    expect(() => assertMayChangeMessage({ senderId: 'a', deletedAt: new Date() }, 'a')).toThrow('This message was deleted.');
  });
  it('previews are one line of at most 60 characters', () => {
    expect(previewOf('  hello\n\n  world ')).toBe('hello world');
    const long = previewOf('x'.repeat(100));
    expect(long).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
    const emoji = previewOf('🙂'.repeat(70));
    expect(emoji.length).toBeLessThanOrEqual(60);
    expect(emoji).toBe(`${'🙂'.repeat(29)}…`);
    expect(previewOf('y'.repeat(60))).toBe('y'.repeat(60));
  });
});
