// Each broadcast's WebSocket frame as one buffer (issue 18: CPU per accepted bid). socket.io-adapter encodes a
// broadcast once and hands every WebSocket connection the same pre-built frame (`wsPreEncodedFrame`), but as two
// buffers, the frame's header and its payload; ws then writes each connection's copy with cork(), two write()s
// and uncork(): Node's buffered writev path, two queued chunks and a chunk array for every connection and every
// broadcast. Joined once per broadcast, each connection's copy is one write() of one buffer (the same bytes).
// Hand-written: a wrapper on the adapter's own `_encode` (socket.io-adapter 2.5, the step that builds that frame;
// the Redis streams adapter extends the same class). No option or library does this; with an adapter that has no
// `_encode`, frames are left as that adapter builds them.
import type { Namespace, ServerOptions } from 'socket.io';

type AdapterConstructor = ServerOptions['adapter'];
type Adapter = Namespace['adapter'];
interface PacketOptions {
  wsPreEncodedFrame?: Buffer[];
}
type Encode = (packet: unknown, options: PacketOptions) => unknown;

/** Makes `adapter` hand out each broadcast's pre-built WebSocket frame as one buffer. */
function joinFrames(adapter: Adapter): void {
  // Cast: `_encode` is socket.io-adapter's own (untyped) step; its absence is checked on the next line.
  const target = adapter as unknown as { _encode?: Encode };
  const encode = target._encode;
  if (typeof encode !== 'function') return;
  target._encode = function encodeWholeFrame(this: unknown, packet, options) {
    const encoded = encode.call(this, packet, options);
    const frame = options.wsPreEncodedFrame;
    if (frame?.length === 2) options.wsPreEncodedFrame = [Buffer.concat(frame)];
    return encoded;
  };
}

/**
 * The adapter Socket.IO builds per namespace (`new Adapter(nsp)`: a class, or a factory such as the Redis streams
 * adapter's), each instance joining its broadcast frames.
 */
export function withWholeFrames(Adapter: AdapterConstructor): AdapterConstructor {
  // Cast: Socket.IO calls either form with `new` (a factory function returns the instance it built).
  const Built = Adapter as unknown as new (nsp: Namespace) => Adapter;
  function WholeFrameAdapter(nsp: Namespace): Adapter {
    const adapter = new Built(nsp);
    joinFrames(adapter);
    return adapter;
  }
  // Cast: a function Socket.IO calls with `new`, returning the instance, as the factory form is typed.
  return WholeFrameAdapter as unknown as AdapterConstructor;
}
