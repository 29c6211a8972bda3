// The built-in rotators a seed file names with `builtin: <name>`: each runs in this process and
// reaches Secrets Manager through the in-process call. A MySQL pair belongs here beside the
// PostgreSQL one (a mysql/ folder with its connection module and the same two strategies).
import type { InProcessCall } from '../../pipeline/context';
import type { RotationFunction } from '../functions';
import type { BuiltinFactory } from './contract';
import { passwordRotator } from './password';
import { postgresAlternatingUsers } from './postgres/alternating-users';
import { postgresSingleUser } from './postgres/single-user';

const BUILTINS: Record<string, BuiltinFactory> = {
  password: passwordRotator,
  'postgres-single-user': postgresSingleUser,
  'postgres-alternating-users': postgresAlternatingUsers,
};

export const builtinNames = () => Object.keys(BUILTINS);

/** The rotator a name gives, or undefined for a name that is none. */
export function builtinFunction(name: string, call: InProcessCall): RotationFunction | undefined {
  return Object.hasOwn(BUILTINS, name) ? BUILTINS[name](call) : undefined;
}
