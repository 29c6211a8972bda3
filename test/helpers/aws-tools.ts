// The AWS CLI, boto3 and other SDKs as child processes: an environment that gives them the
// credentials and nothing else (no config files, no instance metadata, no retries, no pager, no
// proxy for loopback), and a runner. Children run asynchronously: the server answering them lives
// in the test's own process.
import { execFile } from 'node:child_process';
import { REGION } from './server';

/** The environment of a child AWS tool signing with these credentials. */
export function awsToolEnv(credentials: { accessKeyId: string; secretAccessKey: string }, region = REGION): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

/** Runs a command to its end; resolves with its exit status and output (never rejects). */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
