// The secret JSON of AWS's RDS PostgreSQL rotation templates: engine, host, username, password
// (required), port (default 5432), dbname (default postgres), ssl, and masterarn for the
// alternating-users strategy. Values come from the secret: they are data, never SQL.
import { RotationError, type Step } from '../contract';
import { readValue } from '../values';

export interface PostgresSecret {
  engine: string;
  host: string;
  username: string;
  password: string;
  port?: number | string;
  dbname?: string;
  ssl?: unknown;
  masterarn?: string;
  [field: string]: unknown;
}

const REQUIRED = ['host', 'username', 'password', 'engine'] as const;
const ENGINES = ['postgres', 'aurora-postgresql'];

/** The secret's value staged `stage` (with `token`: that version), checked as the templates check it. */
export async function readPostgresSecret(step: Step, arn: string, stage: string, token?: string): Promise<PostgresSecret> {
  const value: unknown = JSON.parse((await readValue(step, arn, stage, token)) ?? '');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RotationError('ValueError', `the secret ${arn} is not a JSON object`);
  const secret = value as PostgresSecret;
  for (const field of REQUIRED) {
    if (secret[field] === undefined) throw new RotationError('KeyError', `${field} key is missing from secret JSON`);
  }
  if (!ENGINES.includes(secret.engine)) throw new RotationError('KeyError', "Database engine must be set to 'postgres' in order to use this rotation lambda");
  return secret;
}
