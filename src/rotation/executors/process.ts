// One invocation in a child process: the server never runs a function's code itself, so a crash,
// a hang or a leak in the function cannot take it down. The child gets a minimal environment
// (PATH, HOME, then what the function is declared with, then the invocation's), its input on
// stdin, and is killed with its whole process group at the timeout. Output lines go to the log.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import type { Invocation, InvokeResult } from '../functions';
import { failed, MAX_PAYLOAD_BYTES, timedOut, tooLarge } from './results';

export interface ChildSpec {
  command: string;
  args: string[];
  cwd: string;
  /** Environment the function is declared with (the seed's `environment`); the invocation's wins. */
  env: Record<string, string>;
  input: string;
  /** The invocation's request id, as the error texts of a timeout or a crash give it. */
  requestId: string;
  /**
   * Where the answer comes from: `fd3` (a bootstrap of ours writes one JSON line on fd 3, and the
   * function's stdout is log) or `stdout` (a command's stdout is its answer).
   */
  answer: 'fd3' | 'stdout';
}

/** How a child ended: stopped (timeout, answer too large, could not start) with the result to give, or exited. */
export type ChildOutcome =
  | { kind: 'stopped'; result: InvokeResult }
  | { kind: 'exit'; code: number | null; signal: string | null; answer: string; stderr: string };

/** How much of stderr is kept for an error message (the log has all of it). */
const STDERR_TAIL = 4096;
/** A log line longer than this is cut, so one endless line cannot grow memory. */
const MAX_LINE = 16 * 1024;

/** The variables Lambda sets for every function, beside the invocation's own. */
const lambdaEnv = (invocation: Invocation, taskRoot: string): Record<string, string> => ({
  AWS_LAMBDA_FUNCTION_NAME: invocation.functionName,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
  LAMBDA_TASK_ROOT: taskRoot,
});

/** Calls `log` once per complete line written to a stream. */
function lineWriter(log: (line: string) => void): { write(chunk: Buffer): void; end(): void } {
  let pending = '';
  return {
    write(chunk) {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        log(pending.slice(0, nl).replace(/\r$/, ''));
        pending = pending.slice(nl + 1);
      }
      if (pending.length > MAX_LINE) {
        log(pending.slice(0, MAX_LINE));
        pending = '';
      }
    },
    end() {
      if (pending) log(pending);
      pending = '';
    },
  };
}

const cannotStart = (spec: ChildSpec, err: Error): ChildOutcome => ({ kind: 'stopped', result: failed('Runtime.InvalidEntrypoint', `cannot run ${spec.command}: ${err.message}`) });

export function runChild(spec: ChildSpec, invocation: Invocation): Promise<ChildOutcome> {
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? homedir(),
    ...spec.env,
    ...lambdaEnv(invocation, spec.cwd),
    ...invocation.env,
  };
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      // detached: the child leads a process group of its own, so the timeout kills what it started too.
      child = spawn(spec.command, spec.args, { cwd: spec.cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe', spec.answer === 'fd3' ? 'pipe' : 'ignore'] });
    } catch (err) {
      resolve(cannotStart(spec, err as Error));
      return;
    }
    let settled = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (outcome: ChildOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'stopped', result: timedOut(spec.requestId, invocation.timeoutMs) }), invocation.timeoutMs);

    const answer: Buffer[] = [];
    let answerBytes = 0;
    const collect = (chunk: Buffer) => {
      answerBytes += chunk.length;
      if (answerBytes > MAX_PAYLOAD_BYTES) finish({ kind: 'stopped', result: tooLarge() });
      else answer.push(chunk);
    };
    let stderrTail = '';
    const stdoutLines = lineWriter(invocation.log);
    const stderrLines = lineWriter(invocation.log);
    const answerStream = spec.answer === 'fd3' ? child.stdio[3] : child.stdout;
    answerStream?.on('data', collect);
    if (spec.answer === 'fd3') child.stdout?.on('data', (chunk: Buffer) => stdoutLines.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrLines.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', (err) => finish(cannotStart(spec, err)));
    child.on('exit', () => {
      // Whatever the function left running (holding our pipes open) ends with it, as a Lambda
      // sandbox is frozen when the invocation ends.
      killGroup();
    });
    child.on('close', (code, signal) => {
      stdoutLines.end();
      stderrLines.end();
      finish({ kind: 'exit', code, signal, answer: Buffer.concat(answer).toString('utf8'), stderr: stderrTail });
    });
    child.stdin?.on('error', () => {
      // A function that exits without reading its input: its exit tells what happened.
    });
    child.stdin?.end(spec.input);
  });
}
