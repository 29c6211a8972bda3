// The `iam` section of seed files: who may call, in `verify`, `audit` and `enforce` modes
// (docs/access-control.md). Several files merge; a user, role or access key declared twice is
// refused. Everything is checked as IAM checks it, and an error names the file and the entry.
//
//   iam:
//     defaultCredentials: true          (false: the `test` / `test` root key is off)
//     accounts:
//       - id: "111122223333"
//         rootAccessKeys: [{ accessKeyId, secretAccessKey }]
//     users:
//       - name: alice                   (required)
//         account: "111122223333"        (default: the server's)
//         path: /team/                  (default /)
//         accessKeys: [{ accessKeyId, secretAccessKey }]
//         policies: [{ name, document }] (identity policies: a mapping or JSON text, no Principal)
//         tags: { team: blue }
//     roles:
//       - name: reader                  (required)
//         account, path, policies, tags (as users)
//         trustPolicy: {…}              (required: who may assume the role)
//         maxSessionDuration: 3600      (3600..43200 seconds)
import { rootPrincipal, type Principal } from '../pipeline/context';
import { SeedError, type SeedDefaults, type Seeder } from '../seed';
import { DEFAULT_ACCESS_KEY, type Directory } from './directory';
import { parsePolicy, PolicySyntaxError, type PolicyDocument } from './policy/grammar';
import { uniqueId } from './principals';
import { isTemporaryKey } from './sessions';

type Fields = Record<string, unknown>;

const SECTION_FIELDS = ['defaultCredentials', 'accounts', 'users', 'roles'];
const ACCOUNT_FIELDS = ['id', 'rootAccessKeys'];
const USER_FIELDS = ['name', 'account', 'path', 'accessKeys', 'policies', 'tags'];
const ROLE_FIELDS = ['name', 'account', 'path', 'trustPolicy', 'policies', 'maxSessionDuration', 'tags'];
const KEY_FIELDS = ['accessKeyId', 'secretAccessKey'];
const POLICY_FIELDS = ['name', 'document'];

const ACCOUNT_ID = /^\d{12}$/;
/** IAM's user and role names: 1–64 of letters, digits and `+=,.@_-`. */
const NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/** `/`, or `/` … `/` of printable ASCII, at most 512 characters. */
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
/** IAM's AccessKeyId: 16–128 word characters. */
const ACCESS_KEY_ID = /^\w{16,128}$/;
const MIN_SESSION = 3600;
const MAX_SESSION = 43_200;

class Invalid extends Error {}

const isMapping = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);

function fields(value: unknown, known: string[], what: string): Fields {
  if (!isMapping(value)) throw new Invalid(`${what} must be a mapping`);
  const extra = Object.keys(value).find((k) => !known.includes(k));
  if (extra) throw new Invalid(`unknown field '${extra}' (known: ${known.join(', ')})`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Invalid(`${what} must be a list`);
  return value;
}

function text(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  // YAML reads an unquoted 111122223333 as a number, and loses an account id's leading zeros.
  if (typeof value !== 'string') throw new Invalid(`${what} must be a string${typeof value === 'number' ? ' (quote it)' : ''}`);
  return value;
}

function required(value: unknown, what: string): string {
  const s = text(value, what);
  if (s === undefined || s === '') throw new Invalid(`${what} is required`);
  return s;
}

function accountOf(value: unknown, defaults: SeedDefaults): string {
  const account = text(value, 'account') ?? defaults.accountId;
  if (!ACCOUNT_ID.test(account)) throw new Invalid(`account must be 12 digits, got '${account}'`);
  return account;
}

function pathOf(value: unknown): string {
  const path = text(value, 'path') ?? '/';
  if (path.length > 512 || !PATH.test(path)) throw new Invalid(`path must be / or begin and end with / (printable ASCII, at most 512 characters), got '${path}'`);
  return path;
}

function nameOf(value: unknown): string {
  const name = required(value, 'name');
  if (!NAME.test(name)) throw new Invalid(`name must be 1 to 64 letters, digits or +=,.@_-, got '${name}'`);
  return name;
}

function tagsOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) throw new Invalid('tags must be a mapping of key: value');
  const tags: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.length < 1 || key.length > 128) throw new Invalid(`tag key '${key}' must be 1 to 128 characters`);
    const tagValue = text(v, `tag ${key}`) ?? '';
    if (tagValue.length > 256) throw new Invalid(`tag ${key} must be at most 256 characters`);
    tags[key] = tagValue;
  }
  return tags;
}

/** A policy document given as a mapping or JSON text, checked by IAM's grammar. */
function documentOf(value: unknown, kind: 'identity' | 'trust', what: string): PolicyDocument {
  if (value === undefined || value === null) throw new Invalid(`${what} is required`);
  const json = typeof value === 'string' ? value : isMapping(value) ? JSON.stringify(value) : undefined;
  if (json === undefined) throw new Invalid(`${what} must be a mapping or JSON text`);
  try {
    const doc = parsePolicy(json, { requirePrincipal: kind === 'trust' });
    // IAM's words for a principal in an identity policy (PutUserPolicy, PutRolePolicy).
    if (kind === 'identity' && doc.Statement.some((s) => s.Principal !== undefined || s.NotPrincipal !== undefined)) {
      throw new PolicySyntaxError('Policy document should not specify a principal.');
    }
    return doc;
  } catch (err) {
    if (err instanceof PolicySyntaxError) throw new Invalid(`${what}: ${err.message}`);
    throw err;
  }
}

function policiesOf(value: unknown): PolicyDocument[] {
  const names = new Set<string>();
  return list(value, 'policies').map((entry, i) => {
    const policy = fields(entry, POLICY_FIELDS, `policies[${i}]`);
    const name = required(policy.name, `policies[${i}] name`);
    if (!POLICY_NAME.test(name)) throw new Invalid(`policy name must be 1 to 128 letters, digits or +=,.@_-, got '${name}'`);
    if (names.has(name)) throw new Invalid(`policy ${name} is declared twice`);
    names.add(name);
    return documentOf(policy.document, 'identity', `policy ${name}`);
  });
}

/** Access keys of one principal, each with its secret: adds them to the directory. */
function addKeys(directory: Directory, value: unknown, what: string, principalFor: (accessKeyId: string) => Principal): void {
  for (const [i, entry] of list(value, what).entries()) {
    const key = fields(entry, KEY_FIELDS, `${what}[${i}]`);
    const accessKeyId = required(key.accessKeyId, `${what}[${i}] accessKeyId`);
    // `test` is the documented default key, shorter than IAM's ids.
    if (accessKeyId !== DEFAULT_ACCESS_KEY && !ACCESS_KEY_ID.test(accessKeyId)) throw new Invalid(`accessKeyId must be 16 to 128 letters, digits or _, got '${accessKeyId}'`);
    if (isTemporaryKey(accessKeyId)) throw new Invalid(`accessKeyId ${accessKeyId}: ASIA… ids are temporary credentials, which STS issues`);
    const secretAccessKey = required(key.secretAccessKey, `${what}[${i}] secretAccessKey`);
    directory.addKey(accessKeyId, { secretAccessKey, principal: principalFor(accessKeyId) });
  }
}

function seedAccount(directory: Directory, entry: Fields): void {
  const id = required(entry.id, 'id');
  if (!ACCOUNT_ID.test(id)) throw new Invalid(`id must be 12 digits, got '${id}'`);
  addKeys(directory, entry.rootAccessKeys, 'rootAccessKeys', (accessKeyId) => rootPrincipal(id, accessKeyId));
}

function seedUser(directory: Directory, entry: Fields, defaults: SeedDefaults): void {
  const name = nameOf(entry.name);
  const accountId = accountOf(entry.account, defaults);
  const arn = `arn:aws:iam::${accountId}:user${pathOf(entry.path)}${name}`;
  const principalId = uniqueId('AIDA', arn);
  const tags = tagsOf(entry.tags);
  directory.declare(arn, policiesOf(entry.policies));
  addKeys(directory, entry.accessKeys, 'accessKeys', (accessKeyId) => ({ accessKeyId, accountId, type: 'IAMUser', arn, principalArn: arn, principalId, tags }));
}

function seedRole(directory: Directory, entry: Fields, defaults: SeedDefaults): void {
  const name = nameOf(entry.name);
  const accountId = accountOf(entry.account, defaults);
  const arn = `arn:aws:iam::${accountId}:role${pathOf(entry.path)}${name}`;
  const trustPolicy = documentOf(entry.trustPolicy, 'trust', 'trustPolicy');
  const maxSessionDuration = entry.maxSessionDuration ?? MIN_SESSION;
  if (!Number.isInteger(maxSessionDuration) || (maxSessionDuration as number) < MIN_SESSION || (maxSessionDuration as number) > MAX_SESSION) {
    throw new Invalid(`maxSessionDuration must be a whole number of seconds from ${MIN_SESSION} to ${MAX_SESSION}, got ${String(maxSessionDuration)}`);
  }
  const tags = tagsOf(entry.tags);
  directory.declare(arn, policiesOf(entry.policies));
  directory.addRole({ name, accountId, arn, roleId: uniqueId('AROA', arn), trustPolicy, maxSessionDuration: maxSessionDuration as number, tags });
}

/** The `iam` seeder: fills `directory` from each seed file's section. */
export function iamSeeder(directory: Directory): Seeder {
  return async (section, defaults, file) => {
    const fail = (where: string, err: unknown) => new SeedError(`seed ${file}: iam ${where}: ${err instanceof Error ? err.message : String(err)}`);
    let top: Fields;
    try {
      top = fields(section, SECTION_FIELDS, 'the section');
      if (top.defaultCredentials !== undefined && typeof top.defaultCredentials !== 'boolean') throw new Invalid('defaultCredentials must be true or false');
    } catch (err) {
      throw fail('section', err);
    }
    if (top.defaultCredentials === false) directory.disableDefaultCredentials();
    const kinds: [string, string[], (entry: Fields) => void][] = [
      ['accounts', ACCOUNT_FIELDS, (entry) => seedAccount(directory, entry)],
      ['users', USER_FIELDS, (entry) => seedUser(directory, entry, defaults)],
      ['roles', ROLE_FIELDS, (entry) => seedRole(directory, entry, defaults)],
    ];
    for (const [kind, known, seed] of kinds) {
      let entries: unknown[];
      try {
        entries = list(top[kind], kind);
      } catch (err) {
        throw fail(kind, err);
      }
      for (const [i, entry] of entries.entries()) {
        const label = isMapping(entry) && typeof (entry.name ?? entry.id) === 'string' ? `${kind.slice(0, -1)} ${String(entry.name ?? entry.id)}` : `${kind}[${i}]`;
        try {
          seed(fields(entry, known, `${kind}[${i}]`));
        } catch (err) {
          throw fail(label, err);
        }
      }
    }
  };
}
