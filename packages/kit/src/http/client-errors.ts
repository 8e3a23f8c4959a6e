import { createServer, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Request line and headers together, as Node counts them (its default); larger requests get 431. */
export const MAX_HEADER_SIZE = 16 * 1024;

const answers: Record<string, { status: number; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: 'Request Header Fields Too Large',
    detail: `The URL and headers together are larger than ${MAX_HEADER_SIZE / 1024} KB; send a shorter URL or fewer headers.`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, title: 'Request Timeout', detail: 'The request did not arrive in time.' },
};
const malformed = { status: 400, title: 'Bad Request', detail: 'The request is not valid HTTP/1.1 (request line, header or body framing).' };

/**
 * What Node answers itself, before express sees a request (a header block that is too large, a malformed
 * request line or header), as problem+json with a body, instead of Node's bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, title, detail } = answers[error.code ?? ''] ?? malformed;
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Idle keep-alive connections stay open longer than the proxies' in front (nginx and most load balancers
 * close theirs after 60 s): a server that closes first races the next request on that connection, which then
 * fails with ECONNRESET — most often right after the event loop was busy.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The HTTP server every service listens with: Node's header limit stated, and its refusals with bodies. */
export function createHttpServer(listener: RequestListener): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_SIZE, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, listener);
  server.on('clientError', answerClientError);
  return server;
}
