// The two services wired on an in-memory store, as createStrongroom wires them (open mode, no
// HTTP): tests create resources through the pipeline (`call`, as the SDK's operations run) and
// ask a service's authorize() directly what a call needs, with the caller they choose.
import { randomUUID } from 'node:crypto';
import type { AuthorizationTarget } from '../../src/auth/types';
import { Clock } from '../../src/clock';
import { Logger } from '../../src/log';
import { rootPrincipal, type InProcessCall, type Principal, type RequestContext } from '../../src/pipeline/context';
import { createDispatcher, type Dispatcher } from '../../src/pipeline/dispatch';
import { kmsClient } from '../../src/services/kms/client';
import { createKmsService } from '../../src/services/kms';
import { createSecretsManagerService } from '../../src/services/secretsmanager';
import type { AwsService, ServiceDeps } from '../../src/services/service';
import { Store } from '../../src/store/store';

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const REGION = 'us-east-1';

export interface Services {
  /** Runs an operation as the root of `account` (default ACCOUNT) in REGION. */
  call<T = Record<string, unknown>>(service: 'kms' | 'secretsmanager', operation: string, input: Record<string, unknown>, account?: string): Promise<T>;
  /** What `operation` needs, as `principal` (default: root of ACCOUNT) calls it. */
  targets(service: 'kms' | 'secretsmanager', operation: string, input: Record<string, unknown>, principal?: Principal): Promise<AuthorizationTarget[]>;
  close(): Promise<void>;
}

export async function startServices(): Promise<Services> {
  const store = await Store.open({ inMemory: true });
  const clock = new Clock();
  const logger = new Logger('silent');
  // Made once the services exist; `call` is used only after that.
  const call: InProcessCall = (service, operation, input, caller) => dispatcher.call(service, operation, input, caller);
  const audit = { record: async () => {}, keyLastUsage: async () => undefined, trackingStartDate: async () => new Date(0) };
  const deps: ServiceDeps = { store, clock, defaults: { accountId: ACCOUNT, region: REGION }, call, audit };
  const kms = createKmsService(deps);
  const rotation = { resolve: () => undefined, endpoint: () => '', timeoutMs: 1000, logger };
  const sm = createSecretsManagerService(deps, kmsClient(call, 'secretsmanager.amazonaws.com'), rotation as never);
  const services: Record<string, AwsService> = { kms, secretsmanager: sm };
  const dispatcher: Dispatcher = createDispatcher({ services: [sm, kms], clock, logger, defaults: deps.defaults });
  return {
    call: (service, operation, input, account = ACCOUNT) => call(service, operation, input, { principal: rootPrincipal(account, 'test'), region: REGION }),
    targets(service, operation, input, principal = rootPrincipal(ACCOUNT, 'test')) {
      const scope: RequestContext = { requestId: randomUUID(), service, operation, principal, accountId: principal.accountId, region: REGION, accessKeyId: 'test', now: clock.now(), resources: [] };
      const target = services[service];
      return target.authorize!(target.context(scope), operation, input);
    },
    close: () => store.close(),
  };
}

/** A user of ACCOUNT (or `account`). */
export function user(name: string, account = ACCOUNT): Principal {
  const arn = `arn:aws:iam::${account}:user/${name}`;
  return { accessKeyId: 'AKIA', accountId: account, type: 'IAMUser', arn, principalArn: arn, principalId: `AIDA${name}` };
}

/** A session of a role of ACCOUNT. */
export function roleSession(role: string, session: string, account = ACCOUNT): Principal {
  return {
    accessKeyId: 'ASIA',
    accountId: account,
    type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    principalArn: `arn:aws:iam::${account}:role/${role}`,
    principalId: `AROA:${session}`,
  };
}

/** [action, resource] of each target. */
export const summary = (targets: AuthorizationTarget[]) => targets.map((t) => [t.action, t.resource]);
