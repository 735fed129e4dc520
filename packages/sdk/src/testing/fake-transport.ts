// An engine.io transport that carries packets to an in-memory peer instead of the network. Handed to
// socket.io-client through its `transports` option, it keeps the whole real client stack (Socket.IO
// packets, acks, timeouts, reconnection) and replaces only the wire.
import { Transport, type TransportCtor } from 'engine.io-client';

/** The server side of one engine.io connection, as the transport sees it. */
export interface TransportPeer {
  /** A Socket.IO packet (encoded) from the client. */
  receive(data: unknown): void;
  /** The client closed the transport (disconnect, close, or a reconnection starting over). */
  closed(): void;
}

/** What the transport gives the server so it can talk back. */
export interface TransportLink {
  /** Sends an encoded Socket.IO packet to the client. */
  send(data: unknown): void;
  /** Cuts the connection as a network failure would: the client sees `transport close` and reconnects. */
  drop(): void;
}

export type { TransportCtor };

/** Engine.io handshake values: no upgrades, and a heartbeat far enough away never to fire in a test. */
const HANDSHAKE = { upgrades: [], pingInterval: 1_000_000_000, pingTimeout: 1_000_000_000, maxPayload: 1_000_000 };

/** Delivery is asynchronous like a network, on the microtask queue so fake timers do not stall it. */
const later = (fn: () => void) => void Promise.resolve().then(fn);

/**
 * A transport class bound to one fake server: `accept` is called for each new connection with the
 * link back to the client and returns the server's end of it (or null to fail the connection).
 */
export function fakeTransport(accept: (link: TransportLink, sid: string) => TransportPeer | null): TransportCtor {
  let connections = 0;
  return class FakeTransport extends Transport {
    private peer: TransportPeer | null = null;

    override get name(): string {
      return 'bidwire-fake';
    }

    protected doOpen(): void {
      const sid = `fake-${++connections}`;
      later(() => {
        if (this.readyState !== 'opening') return;
        const link: TransportLink = {
          send: (data) => later(() => this.readyState === 'open' && this.onPacket({ type: 'message', data } as never)),
          drop: () => later(() => this.serverClosed()),
        };
        this.peer = accept(link, sid);
        if (!this.peer) return this.onError('the fake server is closed', undefined, undefined);
        this.onOpen();
        this.onPacket({ type: 'open', data: JSON.stringify({ sid, ...HANDSHAKE }) } as never);
      });
    }

    protected doClose(): void {
      this.release();
    }

    protected write(packets: { type: string; data?: unknown }[]): void {
      this.writable = false;
      const peer = this.peer;
      // engine.io-client may hand over its own write buffer, which grows before `later` runs: take the
      // packets now, as a real transport serialises them at once (else a packet queued meanwhile goes twice).
      const batch = [...packets];
      later(() => {
        for (const packet of batch) if (packet.type === 'message') peer?.receive(packet.data);
        if (this.readyState !== 'open') return;
        this.writable = true;
        this.emitReserved('drain');
      });
    }

    private serverClosed(): void {
      if (this.readyState !== 'open') return;
      this.release();
      this.onClose({ description: 'the fake server dropped the connection' } as never);
    }

    /** After the packets already on their way, like a socket's FIN after its data. */
    private release(): void {
      const peer = this.peer;
      this.peer = null;
      if (peer) later(() => peer.closed());
    }
  } as unknown as TransportCtor;
}
