// The SSRF token the agent port expects in X-Aws-Parameters-Secrets-Token. The Secrets Manager
// Agent takes it from the first of AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN
// that is set (a `file://` value names a file holding it); the Lambda extension compares it with
// the function's AWS_SESSION_TOKEN. Strongroom does the same with its own environment, after
// --agent-token. With none of them set, any non-empty token is accepted: the header is still
// required (a page or a forged request cannot add it), and the main port serves the same secrets
// to any well-formed signature in open mode, so a fixed secret would protect nothing more.
import { readFileSync } from 'node:fs';

/** The variables the agent reads, in its order. */
const TOKEN_VARIABLES = ['AWS_TOKEN', 'AWS_SESSION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;

/** The token a value names: itself, or the trimmed contents of the file a `file://` value names. */
function tokenOf(value: string, source: string): string {
  if (!value.startsWith('file://')) return value;
  const path = value.slice('file://'.length);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${source} names the token file '${path}', which cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const token = text.trim();
  if (token === '') throw new Error(`${source} names the token file '${path}', which is empty`);
  return token;
}

/** The expected token: `configured` (--agent-token), else the agent's variables in `env`; undefined accepts any non-empty one. */
export function expectedToken(configured: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (configured !== undefined) return tokenOf(configured, '--agent-token');
  const name = TOKEN_VARIABLES.find((n) => env[n]);
  return name === undefined ? undefined : tokenOf(env[name]!, name);
}
