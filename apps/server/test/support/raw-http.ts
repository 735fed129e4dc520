// Plain HTTP/1.1 over a TCP socket, byte for byte: for requests fetch() would refuse or rewrite (malformed
// percent-encoding, oversized request lines and headers, broken HTTP) and to see exactly what the server answers.
import { connect } from 'node:net';

export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/** Sends `request` as-is on a fresh connection and reads the answer until the server closes or it is complete. */
export function rawHttp(url: string, request: string, timeoutMs = 5_000): Promise<RawHttpResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms: ${Buffer.concat(chunks).toString().slice(0, 200)}`));
    }, timeoutMs);
    const finish = (ended = false) => {
      const raw = Buffer.concat(chunks).toString();
      const parsed = parse(raw, ended);
      if (!parsed) return false;
      clearTimeout(timer);
      socket.destroy();
      resolve(parsed);
      return true;
    };
    socket.on('data', (d) => {
      chunks.push(d);
      finish();
    });
    socket.on('error', (err) => {
      // The server may reset the connection after answering (it had not read all we sent).
      if (!finish()) {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('end', () => {
      if (!finish(true)) {
        clearTimeout(timer);
        reject(new Error(`connection closed without a complete answer: ${Buffer.concat(chunks).toString().slice(0, 200)}`));
      }
    });
    socket.write(request);
  });
}

/** The response, once complete: by Content-Length, by its last chunk, or (neither) when the server closed. */
function parse(raw: string, ended: boolean): RawHttpResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let text = raw.slice(end + 4);
  const length = headers['content-length'];
  if (length !== undefined) {
    if (Buffer.byteLength(text) < Number(length)) return undefined;
  } else if (headers['transfer-encoding'] === 'chunked') {
    if (!/(^|\r\n)0\r\n\r\n$/.test(text)) return undefined;
    text = unchunk(text);
  } else if (!ended) {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, text, json };
}

function unchunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/** A GET request line and headers, with `Connection: close`. */
export const get = (path: string, headers: Record<string, string> = {}) =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}Connection: close\r\n\r\n`;
