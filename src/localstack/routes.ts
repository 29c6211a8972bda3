// LocalStack's own routes, for the tools that wait on them (testcontainers-go polls
// /_localstack/health; scripts poll /_localstack/init for their hooks). The shapes are
// LocalStack's: health is {"services": {name: state}, "edition", "version"}, where a state is
// one of "available", "running", "disabled", …; init is {"completed": {stage: bool}, "scripts":
// [{"stage", "name", "state"}]}, and /_localstack/init/<stage> the same for one stage.
import { basename } from 'node:path';
import express from 'express';
import type { InitScript } from './init-hooks';

/** The services of LocalStack's community image, by the names its health route uses. */
const LOCALSTACK_SERVICES = [
  'acm', 'apigateway', 'cloudformation', 'cloudwatch', 'config', 'dynamodb', 'dynamodbstreams', 'ec2', 'es', 'events', 'firehose', 'iam', 'kinesis',
  'kms', 'lambda', 'logs', 'opensearch', 'redshift', 'resource-groups', 'resourcegroupstaggingapi', 'route53', 'route53resolver', 's3', 's3control',
  'scheduler', 'secretsmanager', 'ses', 'sns', 'sqs', 'ssm', 'stepfunctions', 'sts', 'support', 'swf', 'transcribe',
];

/** LocalStack's init stages; Strongroom has ready hooks only, so the others complete at once. */
const STAGES = ['BOOT', 'START', 'READY', 'SHUTDOWN'] as const;

export interface InitHooksState {
  scripts: InitScript[];
  /** Whether the ready hooks have all run. */
  readyCompleted(): boolean;
}

export interface LocalStackRoutesOptions {
  version: string;
  /** The services Strongroom emulates (their signing names): reported as running, every other as disabled. */
  services: string[];
  init: InitHooksState;
}

export function localStackRoutes(options: LocalStackRoutesOptions): express.Router {
  const router = express.Router();
  const services: Record<string, string> = {};
  for (const name of [...LOCALSTACK_SERVICES, ...options.services].sort()) services[name] = options.services.includes(name) ? 'running' : 'disabled';

  // express answers HEAD with the GET route's status and headers, as LocalStack answers 200.
  router.get('/_localstack/health', (_req, res) => {
    res.json({ services, edition: 'community', version: options.version });
  });

  const completed = (stage: (typeof STAGES)[number]) => (stage === 'READY' ? options.init.readyCompleted() : stage !== 'SHUTDOWN');
  const scripts = () => options.init.scripts.map((script) => ({ stage: 'READY', name: basename(script.path), state: script.state }));
  router.get('/_localstack/init', (_req, res) => {
    res.json({ completed: Object.fromEntries(STAGES.map((stage) => [stage, completed(stage)])), scripts: scripts() });
  });
  router.get('/_localstack/init/:stage', (req, res) => {
    const stage = STAGES.find((name) => name === req.params.stage.toUpperCase());
    if (!stage) {
      res.status(404).type('text/plain').send(`no such stage ${req.params.stage}`);
      return;
    }
    res.json({ completed: completed(stage), scripts: stage === 'READY' ? scripts() : [] });
  });
  return router;
}
