// The door to Strongroom's own routes (admin.ts), the console and LocalStack's routes: express
// apps, built (and express loaded, a third of a cold start) on the first request that needs
// them, not before listening. `GET /_strongroom/health`, what scripts poll to see a server up,
// is answered here with the bytes express would send (its headers, in its order, its weak
// ETag); any other form of it (HEAD, a conditional or a request with a body, one signed for a
// service Strongroom does not emulate) goes to express like every other route.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unknownServiceOf } from './unknown-service';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HealthFacts {
  version: string;
  services: string[];
  storage: 'disk' | 'memory';
}

const HEALTH_PATH = '/_strongroom/health';

/** express's weak ETag of a body (the `etag` package's form): length in hex, then SHA-1 in base64, cut to 27 characters. */
const weakEtag = (body: Buffer) => `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;

function plainHealthRequest(req: IncomingMessage, services: string[]): boolean {
  if (req.method !== 'GET') return false;
  const url = req.url!;
  const q = url.indexOf('?');
  if ((q >= 0 ? url.slice(0, q) : url) !== HEALTH_PATH) return false;
  const { headers } = req;
  if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
  if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  return unknownServiceOf(req, services) === undefined;
}

/** The handler of every request that is not an AWS call: health here, the rest by the app `build` makes once. */
export function adminDoor(health: HealthFacts, build: () => RequestHandler): RequestHandler {
  const body = Buffer.from(JSON.stringify({ status: 'ok', ...health }));
  const headers = ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(body.length), 'ETag', weakEtag(body)];
  let app: RequestHandler | undefined;
  return (req, res) => {
    if (!plainHealthRequest(req, health.services)) return (app ??= build())(req, res);
    res.writeHead(200, headers);
    res.end(body);
  };
}
