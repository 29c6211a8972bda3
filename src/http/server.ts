// One node:http server: the browser guard first, then AWS protocol requests (POST to a path
// ending in "/") go straight to the front door; everything else goes to the admin routes (the
// express app behind admin-door.ts).
// Whatever happens, the answer is JSON and the process keeps serving. Timeouts and a
// connection cap keep idle or slow sockets from locking other clients out.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log';
import type { RequestHandler } from './admin-door';
import type { AwsRequestHandler } from './aws';
import type { BrowserGuard } from './browser-guard';
import { rawErrorResponse, sendFailure } from './respond';

const ADMIN_PREFIX = '/_strongroom/';

/** Status node:http would give a request it cannot parse. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** Connection limits, sized for a server on the developer's own machine. */
export interface HttpLimits {
  /** Time for a request's headers to arrive (node:http answers 408 and closes). */
  headersTimeoutMs: number;
  /** Time for a whole request, headers and body, to arrive. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (announced in `Keep-Alive: timeout=`). */
  keepAliveTimeoutMs: number;
  /** Connections open at once; further ones are closed at once. */
  maxConnections: number;
}

export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_024 };

export function createHttpServer(guard: BrowserGuard, frontDoor: AwsRequestHandler, admin: RequestHandler, logger: Logger, limits: HttpLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often node:http looks for requests past their timeouts (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      try {
        if (guard(req, res)) return;
        const url = req.url!;
        const q = url.indexOf('?');
        const path = q >= 0 ? url.slice(0, q) : url;
        if (req.method === 'POST' && path.endsWith('/') && !path.startsWith(ADMIN_PREFIX)) frontDoor(req, res);
        else admin(req, res);
      } catch (error) {
        sendFailure(res, randomUUID(), error, undefined, logger);
      }
    },
  );
  // Requests that are not HTTP at all (bad framing, bad header bytes, …) still get a JSON answer.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const busy = (socket as Duplex & { _httpMessage?: { headersSent: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(clientErrorStatus(err.code), randomUUID()));
  });
  server.maxConnections = limits.maxConnections;
  return server;
}
