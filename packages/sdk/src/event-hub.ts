// Routes server events to app handlers. The SDK owns the listener lists (instead of stacking
// handlers on the socket) so later layers can feed replayed events through the same path.
import type { EventName, EventPayload } from '@bidwire/contract';
import { Listeners } from './listeners.js';

export type EventHandler<K extends EventName> = (payload: EventPayload<K>) => void;

export class EventHub {
  private readonly byEvent = new Map<string, Listeners<unknown>>();

  on<K extends EventName>(event: K, handler: EventHandler<K>, once = false): () => void {
    let list = this.byEvent.get(event);
    if (!list) {
      list = new Listeners<unknown>();
      this.byEvent.set(event, list);
    }
    return list.add(handler as (payload: unknown) => void, once);
  }

  off<K extends EventName>(event: K, handler?: EventHandler<K>): void {
    if (handler) this.byEvent.get(event)?.remove(handler as (payload: unknown) => void);
    else this.byEvent.delete(event);
  }

  dispatch(event: string, payload: unknown): void {
    this.byEvent.get(event)?.emit(payload);
  }

  clear(): void {
    this.byEvent.clear();
  }
}
