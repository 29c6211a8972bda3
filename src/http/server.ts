// One node:http server: AWS protocol requests (POST to a path ending in "/") go straight to the
// front door; everything else goes to the express app. Whatever happens, the answer is JSON
// and the process keeps serving.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type express from 'express';
import type { Logger } from '../log';
import type { AwsRequestHandler } from './aws';
import { rawErrorResponse, sendFailure } from './respond';

const ADMIN_PREFIX = '/_strongroom/';

/** Status node:http would give a request it cannot parse. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

export function createHttpServer(frontDoor: AwsRequestHandler, app: express.Express, logger: Logger): Server {
  const server = createServer((req, res) => {
    try {
      const url = req.url!;
      const q = url.indexOf('?');
      const path = q >= 0 ? url.slice(0, q) : url;
      if (req.method === 'POST' && path.endsWith('/') && !path.startsWith(ADMIN_PREFIX)) frontDoor(req, res);
      else app(req, res);
    } catch (error) {
      sendFailure(res, randomUUID(), error, undefined, logger);
    }
  });
  // Requests that are not HTTP at all (bad framing, bad header bytes, …) still get a JSON answer.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const busy = (socket as Duplex & { _httpMessage?: { headersSent: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(clientErrorStatus(err.code), randomUUID()));
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
