// Folds socket.io-client's socket and manager events into the four states a UI shows.
import type { Socket } from 'socket.io-client';
import { Listeners } from './listeners.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'reconnecting';

export class ConnectionStateTracker {
  private current: ConnectionState;
  /** Distinguishes a first connection from getting a lost one back. */
  private everConnected = false;
  readonly listeners = new Listeners<ConnectionState>();
  private readonly unbind: () => void;

  /** `active`: connected or reconnecting (socket.io-client's `socket.active`, or a reconnection the SDK scheduled). */
  constructor(socket: Socket, active: () => boolean) {
    this.current = socket.connected ? 'connected' : active() ? 'connecting' : 'disconnected';
    const retrying = () => this.set(this.everConnected ? 'reconnecting' : 'connecting');
    const onConnect = () => {
      this.everConnected = true;
      this.set('connected');
    };
    // `socket.active` is false once socket.io-client gave up for good: a server-side
    // disconnect, a refused handshake (bad token) or our own disconnect().
    const onDisconnect = () => (active() ? retrying() : this.set('disconnected'));
    const onConnectError = () => (active() ? retrying() : this.set('disconnected'));
    const onGiveUp = () => this.set('disconnected');

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.io.on('reconnect_attempt', retrying);
    socket.io.on('reconnect_failed', onGiveUp);
    this.unbind = () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.io.off('reconnect_attempt', retrying);
      socket.io.off('reconnect_failed', onGiveUp);
    };
  }

  get state(): ConnectionState {
    return this.current;
  }

  set(next: ConnectionState): void {
    if (next === this.current) return;
    this.current = next;
    this.listeners.emit(next);
  }

  dispose(): void {
    this.unbind();
    this.listeners.clear();
  }
}
