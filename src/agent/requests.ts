// What a request to the agent port asks, checked in the Secrets Manager Agent's order: a
// forwarded request (X-Forwarded-For: it came through a proxy, the SSRF path) 400, a missing or
// wrong token 403, a method other than GET 405, then the route. /ping needs no token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Refusal } from './answers';

/** The headers the agent takes the token from (the Lambda extension knows the first). */
const TOKEN_HEADERS = ['x-aws-parameters-secrets-token', 'x-vault-token'] as const;
/** The agent's prefix for path requests: GET /v1/<secret-id>. */
const PATH_PREFIX = '/v1/';

export interface ReadInput {
  SecretId: string;
  VersionId?: string;
  VersionStage?: string;
}

export type AgentRequest = { kind: 'ping' } | { kind: 'read'; input: ReadInput };

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries the expected token (any non-empty one when none is expected), compared in constant time. */
function hasToken(req: IncomingMessage, expected: string | undefined): boolean {
  return TOKEN_HEADERS.some((name) => {
    const given = req.headers[name];
    if (typeof given !== 'string' || given === '') return false;
    return expected === undefined || timingSafeEqual(digest(given), digest(expected));
  });
}

/** The query's parameters as the agent reads them; a secret id only when the path does not give it. */
function readInput(query: URLSearchParams, secretId: string | undefined): ReadInput {
  const input: ReadInput = { SecretId: secretId ?? '' };
  for (const [name, value] of query) {
    if (name === 'secretId' && secretId === undefined) input.SecretId = value;
    else if (name === 'versionId') input.VersionId = value;
    else if (name === 'versionStage') input.VersionStage = value;
    // Strongroom answers from its store every time, so refreshNow changes nothing; its value is still checked.
    else if (name === 'refreshNow') {
      if (!/^(true|false|1|0)$/i.test(value)) throw new Refusal(400, 'invalid refreshNow value');
    } else throw new Refusal(400, `unknown parameter: ${name}`);
  }
  if (input.SecretId === '') throw new Refusal(400, secretId === undefined ? 'missing parameter secretId' : 'missing secret ID');
  return input;
}

/** Reads the request, or throws the Refusal the agent answers it with. */
export function parseRequest(req: IncomingMessage, expectedToken: string | undefined): AgentRequest {
  let url: URL;
  try {
    // As the agent parses it: appended to a fixed origin, so `//name/…` stays a path.
    url = new URL(`http://localhost${req.url ?? '/'}`);
  } catch {
    throw new Refusal(400, 'invalid request URL');
  }
  const path = url.pathname;
  if (path !== '/ping') {
    if (req.headers['x-forwarded-for'] !== undefined) throw new Refusal(400, 'Forwarded');
    if (!hasToken(req, expectedToken)) throw new Refusal(403, 'Bad Token');
  }
  if (req.method !== 'GET') throw new Refusal(405, 'Not allowed');
  if (path === '/ping') return { kind: 'ping' };
  if (path === '/secretsmanager/get') return { kind: 'read', input: readInput(url.searchParams, undefined) };
  // The agent takes the id from the path as it was sent, not percent-decoded: `/v1/team/db` reads `team/db`.
  if (path.startsWith(PATH_PREFIX)) return { kind: 'read', input: readInput(url.searchParams, path.slice(PATH_PREFIX.length)) };
  if (path.startsWith('/systemsmanager/')) {
    throw new Refusal(501, 'Strongroom emulates Secrets Manager, not Systems Manager Parameter Store: read secrets at /secretsmanager/get?secretId=<id>');
  }
  throw new Refusal(404, 'Not found');
}
