// In words, from the contract: who receives an event, in which room, and whether it carries `seq`
// (SPEC §1 "Ordering and gaps"). The generated docs show these beside every event and command.
import { commands, type CommandName, type EventDef, type RoomBinding, type RoomType } from '@bidwire/contract';

export interface EventDelivery {
  /** The room it is sent in, e.g. `auction:<auctionId>`; null when it is not a room's event. */
  room: string | null;
  /** Whether it carries `seq` and `at`: `yes`, `no`, or `in user and topic rooms` (domain events). */
  seq: 'yes' | 'no' | 'in user and topic rooms';
  /** Who receives it. */
  audience: string;
}

const joinedBy = (room: RoomType): CommandName[] =>
  (Object.keys(commands) as CommandName[]).filter((name) => commands[name].joins?.room === room);

/** `auction:<auctionId>`; a binding without an id field is the caller's own room (`user:<your id>`). */
export const roomLabel = (binding: RoomBinding): string =>
  `${binding.room}:<${binding.idField ?? 'your id'}>`;

function roomAudience(binding: RoomBinding): string {
  if (binding.room === 'user') return `Every socket of the user it is for (their user room ${roomLabel(binding)}, joined by the server at connect).`;
  const joins = joinedBy(binding.room);
  const how = joins.length > 0 ? `joined with ${joins.join(' or ')}` : 'joined by the server';
  return `Every socket in the ${binding.room} room ${roomLabel(binding)} (${how}).`;
}

export function eventDelivery(name: string, def: EventDef): EventDelivery {
  const room = def.room ? roomLabel(def.room) : null;
  switch (def.scope) {
    case 'room':
      if (!def.room) throw new Error(`Event ${name} is a room event without a room in the contract.`);
      return { room, seq: 'yes', audience: def.audience ?? roomAudience(def.room) };
    case 'global':
      return { room, seq: 'no', audience: def.audience ?? 'Every connected socket.' };
    case 'socket':
      return { room, seq: 'no', audience: def.audience ?? 'The one socket concerned, never broadcast.' };
    case 'domain':
      return {
        room: 'user:<id>, topic:<topic>, role:<role> or everyone',
        seq: 'in user and topic rooms',
        audience:
          def.audience ??
          'Whoever the publishing service targets: user rooms and topic rooms (durable there: with seq and at, ' +
            'and topic names the topic), role rooms or every socket (live only: no seq).',
      };
    case 'ephemeral':
      // An ephemeral event names no room in the contract (the SDK would track its seq), so it says in words.
      if (!def.audience) throw new Error(`Ephemeral event ${name} needs an audience in the contract.`);
      return { room, seq: 'no', audience: def.audience };
  }
}
