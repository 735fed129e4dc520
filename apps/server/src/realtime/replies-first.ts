// The bidder's ack before the room's broadcast (issue 18: at 200 viewers the broadcast's 200 socket writes
// came before the ack). A committed bid batch hands its events to `sendAfterReplies` from a promise
// continuation; its acks are written by the promise continuations that follow (handler, bind.ts). The events
// go on process.nextTick, which Node runs once the promise queue is empty: right after those acks, before
// any other I/O callback (setImmediate would let the rest of the loop's poll phase, other sockets' input,
// run first and delay the broadcast by that much). While anything waits, every other emit queues behind it, so
// sockets see events in the order they were emitted, as before. An ack that reports room state (a
// snapshot, a resync page: every command's ack but placeBid's, bind.ts) flushes first, so the next room
// event a socket receives after such an ack still has the next seq (SPEC §1 "Ordering against the snapshot").
// Hand-written: a queue of closures; no library does "after these acks".
import type { EventEmitterPort, RepliesFirstEmitter } from '../core/events.js';

export function withRepliesFirst(inner: EventEmitterPort): RepliesFirstEmitter {
  let waiting: (() => void)[] = [];
  const flush = () => {
    if (waiting.length === 0) return; // every other command's ack calls this: nothing to allocate then
    const now = waiting;
    waiting = [];
    // One send that throws (a bug) does not hold back the others' events; the first error is rethrown after.
    let failure: { error: unknown } | undefined;
    for (const send of now) {
      try {
        send();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  const later = (send: () => void) => {
    if (waiting.length === 0) process.nextTick(flush);
    waiting.push(send);
  };
  const inOrder = (send: () => void) => (waiting.length > 0 ? later(send) : send());
  return {
    toRoom: (room, event, payload) => inOrder(() => inner.toRoom(room, event, payload)),
    toAll: (message, except) => inOrder(() => inner.toAll(message, except)),
    toRooms: (rooms, message, except) => inOrder(() => inner.toRooms(rooms, message, except)),
    send: (outgoing) => inOrder(() => inner.send(outgoing)),
    sendAfterReplies: (outgoing) => later(() => inner.send(outgoing)),
    flush,
  };
}
