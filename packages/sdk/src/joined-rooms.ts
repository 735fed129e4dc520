// The rooms the app joined through a command, with the command and payload that joined each,
// so the client can join them again after a reconnection.
import type { RoomRef } from '@bidwire/contract';
import { roomKey } from './room-bindings.js';

export interface JoinedRoom {
  ref: RoomRef;
  command: string;
  payload: unknown;
}

export class JoinedRooms {
  private readonly byKey = new Map<string, JoinedRoom>();

  remember(ref: RoomRef, command: string, payload: unknown): void {
    // A rejoin must not reuse a creating command's requestId: keep only the room-identifying input.
    const { requestId: _ignored, ...rest } = (payload ?? {}) as Record<string, unknown>;
    this.byKey.set(roomKey(ref), { ref, command, payload: rest });
  }

  forget(ref: RoomRef): void {
    this.byKey.delete(roomKey(ref));
  }

  has(ref: RoomRef): boolean {
    return this.byKey.has(roomKey(ref));
  }

  list(): JoinedRoom[] {
    return [...this.byKey.values()];
  }
}
