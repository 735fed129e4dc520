// The HTTP refusals that happen before any route runs, in the API's `{ error: { code, message } }` shape:
// what Fastify's router refuses (a malformed percent-encoding, a path segment over the parameter limit) and
// what Node's HTTP parser refuses before Fastify sees a request (request line and headers over Node's
// limit, malformed HTTP, a request that takes too long to arrive). Passed to Fastify's constructor.
import type { ErrorCode } from '@bidwire/contract';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';

/** The longest path parameter (ids are at most 64 characters; longer is refused 414 before any handler). */
export const MAX_PARAM_LENGTH = 100;

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const body = (code: ErrorCode, message: string) => JSON.stringify({ error: { code, message } });

/** Errors of Fastify's router, which otherwise answers them in its own shape. */
function frameworkErrors(error: Error & { code?: string }, _req: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: ErrorCode, message: string) =>
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body(code, message));
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return send(400, 'VALIDATION_FAILED', 'The URL is not valid: it has a malformed percent-encoded sequence.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send(414, 'VALIDATION_FAILED', `A path segment of the URL is too long (the limit is ${MAX_PARAM_LENGTH} characters).`);
    default:
      reply.log.error({ err: error }, 'router error');
      return send(500, 'INTERNAL', 'Something went wrong on our side. Please try again.');
  }
}

/** What Node's parser refuses (Fastify's default answers in its own shape). The connection is closed after. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return socket.destroy();
  const [status, message]: [number, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, `The request line and headers are too large (the limit is ${kb(maxHeaderSize)} in all): send a shorter URL or fewer headers.`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, 'The request is not valid HTTP.'];
  const text = body('VALIDATION_FAILED', message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

export const httpErrorOptions = {
  frameworkErrors,
  clientErrorHandler,
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
} satisfies Partial<FastifyServerOptions>;
