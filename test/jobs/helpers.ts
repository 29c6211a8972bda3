// Shared by the job tests: jobs of test kinds, and the admin route that waits for the runner.
import type { Job } from '../../src/jobs/schedule';
import { ACCOUNT, REGION } from '../helpers/server';

/** A job of a kind only the tests register, on the resource `id` (a made-up one unless `arn` is given). */
export function testJob(kind: string, id: string, due: number, arn = `arn:aws:test:${REGION}:${ACCOUNT}:thing/${id}`): Job {
  return { due, kind, resource: { accountId: ACCOUNT, region: REGION, id, arn } };
}

/** POST /_strongroom/jobs/wait: answers once no job is running or due. */
export async function waitForJobs(server: { url: string }): Promise<{ running: number; due: number; failed: number }> {
  const res = await fetch(`${server.url}/_strongroom/jobs/wait`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  if (res.status !== 200) throw new Error(`jobs/wait: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ running: number; due: number; failed: number }>;
}

/** A promise and the function that resolves it. */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
