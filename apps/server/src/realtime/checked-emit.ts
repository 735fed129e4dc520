// With contract checks on, every event the services emit is checked against its payload schema before it
// goes out: an event that does not match is a server bug, thrown where it is made (the caller fails, logged).
import { events, type EventName } from '@bidwire/contract';
import { assertMatches } from '../core/contract-check.js';
import type { RepliesFirstEmitter } from '../core/events.js';

const check = (event: EventName, payload: unknown) => assertMatches(events[event].payload, payload, `The ${event} event`);

export function withCheckedEmit(inner: RepliesFirstEmitter, enabled: boolean): RepliesFirstEmitter {
  if (!enabled) return inner;
  return {
    flush: inner.flush,
    toRoom: (room, event, payload) => {
      check(event, payload);
      inner.toRoom(room, event, payload);
    },
    toAll: (message, except) => {
      check(message.event, message.payload);
      inner.toAll(message, except);
    },
    toRooms: (rooms, message, except) => {
      check(message.event, message.payload);
      inner.toRooms(rooms, message, except);
    },
    send: (outgoing) => {
      for (const o of outgoing) check(o.event, o.payload);
      inner.send(outgoing);
    },
    sendAfterReplies: (outgoing) => {
      for (const o of outgoing) check(o.event, o.payload);
      inner.sendAfterReplies(outgoing);
    },
  };
}
