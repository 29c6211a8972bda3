// IAM policy documents as resource policies use them (Secrets Manager resource policies, KMS key
// policies): the grammar check behind MalformedPolicyDocumentException, and whether a policy
// grants public access (the check behind BlockPublicPolicy). Lenient where AWS is: Principal
// "*", {"AWS": [...]}, {"Service": ...}, NotPrincipal, NotAction, NotResource and Condition
// blocks are all valid; unknown elements and wrong types are not.

interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  NotPrincipal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

export class PolicySyntaxError extends Error {
  /** Set when the problem is a principal AWS does not accept (AWS words that case apart). */
  constructor(
    message: string,
    readonly unsupportedPrincipal = false,
  ) {
    super(message);
  }
}

const VERSIONS = ['2012-10-17', '2008-10-17'];
const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
/** `service:Action` with wildcards, or `*`. */
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
/** An account id, an ARN, or `*`. */
const AWS_PRINCIPAL = /^(\*|\d{12}|arn:[^:\s]+:[^:\s]*:[^:\s]*:[^:\s]*:\S+)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function fail(message: string, unsupportedPrincipal = false): never {
  throw new PolicySyntaxError(message, unsupportedPrincipal);
}

function checkStrings(value: unknown, element: string, each?: (s: string) => void): void {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) fail(`${element} must be a non-empty string or list of strings.`);
  if (each) for (const v of values as string[]) each(v);
}

function checkPrincipal(value: unknown, element: string): void {
  if (value === '*') return;
  if (!isObject(value) || Object.keys(value).length === 0) fail(`${element} must be "*" or a map of principal types.`);
  for (const [type, ids] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) fail(`${element} has an unsupported principal type: ${type}.`, true);
    checkStrings(ids, `${element}.${type}`, (id) => {
      if (type === 'AWS' && !AWS_PRINCIPAL.test(id)) fail(`${element} contains an unsupported principal: ${id}.`, true);
    });
  }
}

function checkCondition(value: unknown): void {
  if (!isObject(value)) fail('Condition must be a map of condition operators.');
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block) || Object.keys(block).length === 0) fail(`Condition ${operator} must be a map of condition keys.`);
    for (const [key, v] of Object.entries(block)) {
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => !['string', 'number', 'boolean'].includes(typeof x))) fail(`Condition ${operator} ${key} must hold strings, numbers or booleans.`);
    }
  }
}

function checkStatement(s: unknown, requirePrincipal: boolean): PolicyStatement {
  if (!isObject(s)) fail('Each statement must be a JSON object.');
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) fail(`Statement has an unknown element: ${key}.`);
  if (s.Sid !== undefined && typeof s.Sid !== 'string') fail('Sid must be a string.');
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') fail('Effect must be Allow or Deny.');
  const pair = (a: string, b: string, required: boolean) => {
    if (s[a] !== undefined && s[b] !== undefined) fail(`A statement can't have both ${a} and ${b}.`);
    if (required && s[a] === undefined && s[b] === undefined) fail(`A statement must have ${a} or ${b}.`);
  };
  pair('Action', 'NotAction', true);
  pair('Principal', 'NotPrincipal', requirePrincipal);
  pair('Resource', 'NotResource', false);
  for (const element of ['Action', 'NotAction'] as const) {
    if (s[element] !== undefined) checkStrings(s[element], element, (a) => ACTION.test(a) || fail(`${element} has an invalid action: ${a}.`));
  }
  for (const element of ['Resource', 'NotResource'] as const) if (s[element] !== undefined) checkStrings(s[element], element);
  for (const element of ['Principal', 'NotPrincipal'] as const) if (s[element] !== undefined) checkPrincipal(s[element], element);
  if (s.Condition !== undefined) checkCondition(s.Condition);
  return s as unknown as PolicyStatement;
}

/**
 * Parses and checks a policy document; throws PolicySyntaxError naming the first problem.
 * Resource-based policies name who they apply to, so a Principal is required by default.
 */
export function parsePolicy(text: string, options: { requirePrincipal?: boolean } = {}): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    fail('The policy is not valid JSON.');
  }
  if (!isObject(doc)) fail('The policy must be a JSON object.');
  for (const key of Object.keys(doc)) if (!DOCUMENT_KEYS.has(key)) fail(`The policy has an unknown element: ${key}.`);
  if (doc.Version !== undefined && !VERSIONS.includes(doc.Version as string)) fail(`Unsupported policy version: ${String(doc.Version)}.`);
  if (doc.Id !== undefined && typeof doc.Id !== 'string') fail('Id must be a string.');
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  if (statements.length === 0) fail('The policy must have at least one statement.');
  return { Version: doc.Version as string | undefined, Id: doc.Id as string | undefined, Statement: statements.map((s) => checkStatement(s, options.requirePrincipal ?? true)) };
}

/**
 * Policies parsed once per text, a map per Principal rule: authorization reads a resource's or a
 * session's policy on every call, and it was checked when stored or issued. Keyed by the text
 * itself, whose hash V8 keeps with the string (a prefixed copy was hashed anew on every call).
 */
const parsedByRule = { resource: new Map<string, PolicyDocument>(), identity: new Map<string, PolicyDocument>() };
const PARSED_LIMIT = 1_000;

export function storedPolicy(text: string, options: { requirePrincipal?: boolean } = {}): PolicyDocument {
  const parsed = (options.requirePrincipal ?? true) ? parsedByRule.resource : parsedByRule.identity;
  let doc = parsed.get(text);
  if (!doc) {
    doc = parsePolicy(text, options);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(text, doc);
  }
  return doc;
}

/**
 * Condition keys that pin a statement to known callers when they carry concrete values: a
 * statement for everyone ("*") limited by one of these is not public.
 */
const LIMITING_KEYS = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalServiceName',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    'kms:ViaService',
  ].map((k) => k.toLowerCase()),
);

function limitsCallers(condition: PolicyStatement['Condition']): boolean {
  for (const [operator, block] of Object.entries(condition ?? {})) {
    // Negated and IfExists operators do not pin anything down.
    if (/^(StringNot|ArnNot|NotIp)|IfExists$/.test(operator)) continue;
    for (const [key, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map(String);
      if (LIMITING_KEYS.has(key.toLowerCase()) && values.length > 0 && values.every((v) => v !== '*' && v !== '')) return true;
    }
  }
  return false;
}

const everyone = (principal: PolicyStatement['Principal']) => principal === '*' || list(isObject(principal) ? (principal.AWS as string | string[] | undefined) : undefined).includes('*');

/** Whether any Allow statement grants access to anyone (Principal "*" or NotPrincipal) without a condition that limits callers. */
export function grantsPublicAccess(doc: PolicyDocument): boolean {
  return doc.Statement.some((s) => s.Effect === 'Allow' && (everyone(s.Principal) || s.NotPrincipal !== undefined) && !limitsCallers(s.Condition));
}
