// The `lambda` section of seed files: where each rotation function runs. A seed file is trusted
// configuration (it names programs to run); relative paths are the seed file's folder's.
//
//   lambda:
//     functions:
//       - name: rotate-app-db              (required: the function name in RotationLambdaARN)
//         region / account                 (default: the function answers in every one)
//         exactly one of:
//           module: ./rotator.mjs   + handler: handler                       (Node.js, ESM or CommonJS)
//           python: ./rotator       + handler: lambda_function.lambda_handler
//           command: [./rotate.sh, --verbose]   (or one executable path as a string)
//           endpoint: http://127.0.0.1:3001     (+ functionName: its name there, if different)
//           builtin: password | postgres-single-user | postgres-alternating-users
//         environment: { NAME: value }      (module, python, command: the function's variables)
//         role: arn:aws:iam::<account>:role/<name>   (its execution role: the function's calls are
//                                            authorized as a session of it; docs/access-control.md)
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseRoleArn } from '../../auth/principals';
import type { InProcessCall } from '../../pipeline/context';
import { isRegionName } from '../../regions';
import { SeedError, type Seeder } from '../../seed';
import { builtinFunction, builtinNames } from '../builtins';
import type { RotationFunction } from '../functions';
import { commandFunction } from './command';
import { endpointFunction, isHttpUrl } from './endpoint';
import { nodeFunction } from './node';
import { pythonFunction } from './python';
import type { FunctionRegistry } from './registry';

type Fields = Record<string, unknown>;

const KINDS = ['module', 'python', 'command', 'endpoint', 'builtin'] as const;
const FIELDS = ['name', 'region', 'account', ...KINDS, 'handler', 'functionName', 'environment', 'role'];

class Invalid extends Error {}

const isMapping = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);

function optionalString(entry: Fields, field: string): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new Invalid(`${field} must be a non-empty string`);
  return value;
}

function environmentOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) throw new Invalid('environment must be a mapping of names to values');
  const env: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Invalid(`environment name '${name}' is not a valid variable name`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Invalid(`environment ${name} must be a string`);
    env[name] = String(v);
  }
  return env;
}

/** A path as the seed gives it, made absolute against the seed file's folder. */
const fromSeed = (folder: string, path: string) => (isAbsolute(path) ? path : resolve(folder, path));

/** A command's argv: a list as given, or one string naming the executable (split on nothing: paths may hold spaces). */
function argvOf(value: unknown, folder: string): string[] {
  const argv = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== 'string' && typeof a !== 'number') || argv[0] === '') {
    throw new Invalid('command must be an executable path or a non-empty list of arguments');
  }
  const [program, ...args] = argv.map(String);
  // A bare name (`node`, `python3`) is looked up on PATH; a path is the seed folder's.
  return [program.includes('/') ? fromSeed(folder, program) : program, ...args];
}

function functionOf(entry: Fields, kind: (typeof KINDS)[number], folder: string, call: InProcessCall): RotationFunction {
  const handler = optionalString(entry, 'handler');
  const needsHandler = kind === 'module' || kind === 'python';
  if (needsHandler && !handler) throw new Invalid(`${kind} needs a handler`);
  if (!needsHandler && handler) throw new Invalid('handler goes with module or python');
  if (kind !== 'endpoint' && entry.functionName !== undefined) throw new Invalid('functionName goes with endpoint');
  if ((kind === 'endpoint' || kind === 'builtin') && entry.environment !== undefined) throw new Invalid(`environment does not go with ${kind}`);
  const env = environmentOf(entry.environment);
  switch (kind) {
    case 'module': {
      const module = fromSeed(folder, optionalString(entry, 'module')!);
      if (!existsSync(module) || !statSync(module).isFile()) throw new Invalid(`module ${module} is not a file`);
      return nodeFunction(module, handler!, env);
    }
    case 'python': {
      const directory = fromSeed(folder, optionalString(entry, 'python')!);
      if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new Invalid(`python ${directory} is not a folder`);
      if (!/^[A-Za-z_][\w./]*\.[A-Za-z_]\w*$/.test(handler!)) throw new Invalid(`handler '${handler}' must be module.function, e.g. lambda_function.lambda_handler`);
      return pythonFunction(directory, handler!, env);
    }
    case 'command':
      return commandFunction(argvOf(entry.command, folder), folder, env);
    case 'endpoint': {
      const url = optionalString(entry, 'endpoint')!;
      if (!isHttpUrl(url)) throw new Invalid(`endpoint must be an http or https URL, got '${url}'`);
      return endpointFunction(url, optionalString(entry, 'functionName'));
    }
    case 'builtin': {
      const name = optionalString(entry, 'builtin')!;
      const fn = builtinFunction(name, call);
      if (!fn) throw new Invalid(`unknown builtin '${name}' (known: ${builtinNames().join(', ')})`);
      return fn;
    }
  }
}

function declare(registry: FunctionRegistry, entry: Fields, folder: string, call: InProcessCall): void {
  const extra = Object.keys(entry).find((k) => !FIELDS.includes(k));
  if (extra) throw new Invalid(`unknown field '${extra}' (known: ${FIELDS.join(', ')})`);
  const name = optionalString(entry, 'name');
  if (!name) throw new Invalid('name is required');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Invalid('name must be 1 to 64 letters, digits, hyphens or underscores (a Lambda function name)');
  const region = optionalString(entry, 'region');
  if (region !== undefined && !isRegionName(region)) throw new Invalid(`region must be an AWS region name, got '${region}'`);
  const account = entry.account === undefined || entry.account === null ? undefined : String(entry.account);
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new Invalid(`account must be 12 digits, got '${account}'`);
  const kinds = KINDS.filter((k) => entry[k] !== undefined && entry[k] !== null);
  if (kinds.length !== 1) throw new Invalid(`needs exactly one of ${KINDS.join(', ')}${kinds.length ? ` (has ${kinds.join(' and ')})` : ''}`);
  const role = optionalString(entry, 'role');
  if (role !== undefined && !parseRoleArn(role)) throw new Invalid(`role must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got '${role}'`);
  const made = functionOf(entry, kinds[0], folder, call);
  const fn: RotationFunction = role === undefined ? made : { invoke: (event, invocation) => made.invoke(event, invocation), role };
  if (!registry.declare({ name, region, account, fn })) throw new Invalid('declared twice for the same region and account');
}

/** The seeder of the `lambda` section: fills `registry`; errors name the file and the function. Built-in rotators reach Secrets Manager through `call`. */
export function lambdaSeeder(registry: FunctionRegistry, call: InProcessCall): Seeder {
  return async (section, _defaults, file) => {
    const fail = (where: string, why: string) => new SeedError(`seed ${file}: lambda ${where}: ${why}`);
    if (!isMapping(section)) throw fail('section', 'must be a mapping with functions');
    const { functions = [], ...unknown } = section;
    if (Object.keys(unknown).length > 0) throw fail('section', `unknown field '${Object.keys(unknown)[0]}' (known: functions)`);
    if (!Array.isArray(functions)) throw fail('functions', 'must be a list');
    const folder = dirname(resolve(file));
    for (const [i, entry] of functions.entries()) {
      const where = isMapping(entry) && typeof entry.name === 'string' ? entry.name : `functions[${i}]`;
      try {
        if (!isMapping(entry)) throw new Invalid('must be a mapping');
        declare(registry, entry, folder, call);
      } catch (err) {
        if (err instanceof Invalid) throw fail(where, err.message);
        throw err;
      }
    }
  };
}
