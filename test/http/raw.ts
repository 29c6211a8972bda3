// Raw HTTP for wire-level tests: node:http with every header under the test's control (no
// content type or date added behind its back), and a plain socket for requests that are not
// valid HTTP at all.
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { authHeader } from '../helpers/server';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown> | undefined;
}

function reply(status: number, headers: IncomingHttpHeaders, text: string): Reply {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export function send(baseUrl: string, options: SendOptions = {}): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  const target = { hostname, port, path: options.path ?? '/', method: options.method ?? 'POST', headers: options.headers, agent: false };
  return new Promise((resolve, reject) => {
    const req = request(target, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(reply(res.statusCode!, res.headers, Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The headers of a well-formed AWS JSON request to `target`, signed for `service`. */
export function awsHeaders(target: string | undefined, service = target?.startsWith('secretsmanager.') ? 'secretsmanager' : 'kms'): Record<string, string> {
  return {
    'content-type': 'application/x-amz-json-1.1',
    authorization: authHeader(undefined, undefined, service),
    'x-amz-date': '20260101T000000Z',
    ...(target ? { 'x-amz-target': target } : {}),
  };
}

/** Writes bytes to a fresh connection and reads until the server closes it (or `ms` pass). */
export function sendBytes(baseUrl: string, bytes: Buffer | string, ms = 2000): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', done);
    socket.on('error', done);
    socket.end(bytes);
  });
}

