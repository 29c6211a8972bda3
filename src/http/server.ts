// One node:http server: AWS protocol requests (POST to a path ending in "/") go straight to the
// front door; everything else goes to the express app.
import { createServer, type Server } from 'node:http';
import type express from 'express';
import type { AwsRequestHandler } from './aws';

const ADMIN_PREFIX = '/_strongroom/';

export function createHttpServer(frontDoor: AwsRequestHandler, app: express.Express): Server {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    if (req.method === 'POST' && path.endsWith('/') && !path.startsWith(ADMIN_PREFIX)) frontDoor(req, res);
    else app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
