// The agent port (docs/agent.md): the local HTTP interface of the Secrets Manager Agent and of
// the Parameters and Secrets Lambda extension, on a side port, so applications written for
// them run unchanged. Every read is an ordinary GetSecretValue call through the pipeline:
// authorized and recorded in the audit trail like any other.
//
// The port serves secrets on localhost, so it refuses what a web page could send: the browser
// guard's host name (DNS rebinding) and web origin checks run first, the token header makes a
// cross-origin fetch preflight, and no CORS header is ever sent, so no page can read an answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserCheck } from '../http/browser-guard';
import type { HttpLimits } from '../http/server';
import type { Logger } from '../log';
import { AwsError } from '../protocol/errors';
import { errorAnswer, Refusal, secretAnswer, type AgentFlavor, type Answer, type SecretValue } from './answers';
import { parseRequest, type ReadInput } from './requests';

export { expectedToken } from './token';

interface AgentServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  flavor: AgentFlavor;
  /** The token requests must carry (expectedToken); undefined accepts any non-empty one. */
  token: string | undefined;
  check: BrowserCheck;
  /** GetSecretValue through the pipeline, as the agent's principal. */
  read(input: ReadInput): Promise<SecretValue>;
  /** The HTTP status AWS gives an error of GetSecretValue. */
  statusOf(err: AwsError): number;
  limits: HttpLimits;
  logger: Logger;
}

export interface AgentServer {
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, answer: Answer): void {
  const type = answer.json ? 'application/json' : 'text/plain; charset=utf-8';
  res.writeHead(answer.status, ['Content-Type', type, 'Content-Length', String(Buffer.byteLength(answer.body)), 'X-Content-Type-Options', 'nosniff']);
  res.end(answer.body);
}

export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const { limits, logger } = options;

  async function answer(req: IncomingMessage): Promise<Answer> {
    try {
      const refusal = options.check(req);
      if (refusal !== undefined) throw new Refusal(403, refusal);
      const request = parseRequest(req, options.token);
      if (request.kind === 'ping') return { status: 200, json: false, body: 'healthy' };
      return secretAnswer(options.flavor, await options.read(request.input));
    } catch (err) {
      if (err instanceof Refusal) {
        logger.warn(`agent port: refused ${req.method} ${req.url?.split('?')[0]}: ${err.message}`);
        return err.answer;
      }
      if (!(err instanceof AwsError)) logger.error('agent port: request failed unexpectedly', err);
      return errorAnswer(err, options.statusOf);
    }
  }

  const server: Server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs },
    async (req, res) => {
      // The agent reads nothing from a body: it is drained so the connection can be reused.
      req.resume();
      send(res, await answer(req));
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
