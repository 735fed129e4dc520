// A minimal Socket.IO v4 client (Engine.IO 4 over a raw WebSocket) for load generation: thousands of
// them per process cost far less CPU and memory than socket.io-client, so the server is what we measure.
import WebSocket from 'ws';

export interface AckResponse {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string; details?: unknown };
}

export class BenchSocket {
  /** Ack callbacks; the second argument is the ack frame's length in characters (≈ bytes on the wire). */
  private readonly acks = new Map<number, (res: AckResponse, frameChars: number) => void>();
  private nextAckId = 0;
  /** Every `42…` frame (an event) as received, unparsed: listeners pick what they need. */
  onEvent: ((frame: string) => void) | undefined;
  closed = false;

  private constructor(private readonly ws: WebSocket) {}

  /** Opens the WebSocket, sends the Socket.IO CONNECT with `auth: { token }`, resolves once accepted. */
  static connect(baseUrl: string, token: string, timeoutMs = 15_000): Promise<BenchSocket> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const socket = new BenchSocket(ws);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('connect timeout'));
      }, timeoutMs);
      let connected = false;
      ws.on('message', (data) => {
        const frame = data.toString();
        if (connected) return socket.onFrame(frame);
        if (frame.startsWith('0')) ws.send(`40${JSON.stringify({ token })}`);
        else if (frame.startsWith('40')) {
          connected = true;
          clearTimeout(timer);
          resolve(socket);
        } else if (frame.startsWith('44')) {
          clearTimeout(timer);
          ws.close();
          reject(new Error(`refused: ${frame.slice(2)}`));
        } else if (frame === '2') ws.send('3');
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        if (!connected) reject(err);
      });
      ws.on('close', () => {
        socket.closed = true;
        clearTimeout(timer);
        if (!connected) reject(new Error('closed before connect'));
        for (const ack of socket.acks.values()) ack({ ok: false, error: { code: 'DISCONNECTED', message: 'closed' } }, 0);
        socket.acks.clear();
      });
    });
  }

  emit(event: string, payload: unknown, ack?: (res: AckResponse, frameChars: number) => void): void {
    if (!ack) {
      this.ws.send(`42${JSON.stringify([event, payload])}`);
      return;
    }
    const id = this.nextAckId++;
    this.acks.set(id, ack);
    this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
  }

  request(event: string, payload: unknown): Promise<AckResponse> {
    return new Promise((resolve) => this.emit(event, payload, resolve));
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(frame: string) {
    if (frame === '2') return this.ws.send('3');
    if (frame.startsWith('42')) return this.onEvent?.(frame);
    if (frame.startsWith('43')) {
      let i = 2;
      while (i < frame.length && frame.charCodeAt(i) >= 48 && frame.charCodeAt(i) <= 57) i++;
      const id = Number(frame.slice(2, i));
      const ack = this.acks.get(id);
      if (!ack) return;
      this.acks.delete(id);
      const args = JSON.parse(frame.slice(i)) as unknown[];
      ack(args[0] as AckResponse, frame.length);
    }
  }
}

/** Reads an integer field (`"name":123`) from a raw frame without parsing the whole JSON. */
export function intField(frame: string, name: string): number | undefined {
  const key = `"${name}":`;
  const at = frame.indexOf(key);
  if (at < 0) return undefined;
  let i = at + key.length;
  let n = 0;
  let digits = 0;
  for (; i < frame.length; i++, digits++) {
    const c = frame.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return digits > 0 ? n : undefined;
}
