// The server's end of one fake connection: decodes the client's Socket.IO packets (handshake,
// commands, disconnect) and sends answers and events back through the fake transport.
import { SESSION_EXPIRED_DETAILS, SESSION_EXPIRED_MESSAGE, type EventName, type EventPayload } from '@bidwire/contract';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { FakeServer } from './fake-server.js';
import type { TransportLink, TransportPeer } from './fake-transport.js';
import type { EmitPayload, FakeConnection, HandshakeAuth } from './fake-types.js';

const NAMESPACE = '/';

/** One client connection: decodes its Socket.IO packets and answers them. */
export class Connection implements FakeConnection, TransportPeer {
  auth: HandshakeAuth = {};
  private readonly decoder = new Decoder();
  private readonly encoder = new Encoder();
  private joined = false;
  /** Set by expire(): commands are refused unrun from then on, as the real server does. */
  private expired = false;
  private running = 0;

  constructor(
    private readonly server: FakeServer,
    private readonly link: TransportLink,
    readonly id: string,
  ) {
    this.decoder.on('decoded', (packet: Packet) => this.onPacket(packet));
  }

  get connected(): boolean {
    return this.joined;
  }

  receive(data: unknown): void {
    this.decoder.add(data as string);
  }

  closed(): void {
    this.left();
  }

  emit<K extends EventName>(event: K, payload: EmitPayload<K>): EventPayload<K> {
    return this.server.emit(event, payload, { to: this });
  }

  disconnect(): void {
    if (!this.joined) return;
    this.send({ type: PacketType.DISCONNECT, nsp: NAMESPACE });
    this.left();
  }

  /**
   * What the real server does when the access token expires (SPEC §2): `sessionExpired`; from then on commands
   * are refused unrun (UNAVAILABLE, details `{ reason: 'sessionExpired' }`); the connection is closed once no command of it is running and
   * `closeAfterMs` have passed, unless the client closed it first (the SDK does, to renew its session).
   */
  expire(message: string, closeAfterMs: number): void {
    if (!this.joined || this.expired) return;
    this.sendEvent('sessionExpired', { message });
    this.expired = true;
    const since = Date.now();
    const closeWhenIdle = () => {
      if (!this.joined) return;
      if (Date.now() - since >= closeAfterMs && this.running === 0) return this.disconnect();
      setTimeout(closeWhenIdle, 10);
    };
    setTimeout(closeWhenIdle, closeAfterMs);
  }

  drop(): void {
    this.left();
    this.link.drop();
  }

  /** @internal an event already checked by the server */
  sendEvent(event: string, payload: unknown): void {
    if (this.joined) this.send({ type: PacketType.EVENT, nsp: NAMESPACE, data: [event, payload] });
  }

  private onPacket(packet: Packet): void {
    switch (packet.type) {
      case PacketType.CONNECT:
        return this.onConnect((packet.data ?? {}) as HandshakeAuth);
      case PacketType.EVENT:
        return this.onEvent(packet);
      case PacketType.DISCONNECT:
        return this.left();
      default:
        // Acks from the client (the server never asks for one) and binary packets are not part of Bidwire.
        return;
    }
  }

  private onConnect(auth: HandshakeAuth): void {
    this.auth = auth;
    const verdict = this.server.authenticate(auth);
    if (verdict !== true) {
      const data = verdict.code ? { code: verdict.code } : undefined;
      this.send({ type: PacketType.CONNECT_ERROR, nsp: NAMESPACE, data: { message: verdict.message, ...(data ? { data } : {}) } });
      return;
    }
    this.joined = true;
    this.server.opened(this);
    this.send({ type: PacketType.CONNECT, nsp: NAMESPACE, data: { sid: this.id } });
  }

  private onEvent(packet: Packet): void {
    if (!this.joined) return;
    const [command, payload] = (packet.data ?? []) as [string, unknown];
    const id = packet.id;
    if (this.expired) {
      const refusal = { ok: false as const, error: { code: 'UNAVAILABLE', message: SESSION_EXPIRED_MESSAGE, details: { ...SESSION_EXPIRED_DETAILS } } };
      if (id !== undefined) this.send({ type: PacketType.ACK, nsp: NAMESPACE, id, data: [refusal] });
      else this.sendEvent('error', { ...refusal.error, command });
      return;
    }
    this.running++;
    void this.server.run(this, command, payload).then((answer) => {
      this.running--;
      // Like socket.io, an answer after the connection is gone goes nowhere.
      if (!this.joined) return;
      if (id !== undefined) this.send({ type: PacketType.ACK, nsp: NAMESPACE, id, data: [answer] });
      // A command sent without an ack learns of its failure through an `error` event (SPEC §1).
      else if (!answer.ok) this.sendEvent('error', { code: answer.error.code, message: answer.error.message, command });
    });
  }

  private left(): void {
    if (!this.joined) return;
    this.joined = false;
    this.server.gone(this);
  }

  private send(packet: Packet): void {
    for (const encoded of this.encoder.encode(packet)) this.link.send(encoded);
  }
}
