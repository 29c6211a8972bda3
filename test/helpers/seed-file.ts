// A seed file for a test file's server: written to a temporary dir when the test file loads (so
// `useServer({ options: { seeds: [file] } })` can name it), removed after its last test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The path of a seed file holding `text` (YAML or JSON by `name`); registers the jest hook that removes it. */
export function useSeedFile(text: string, name = 'seed.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'strongroom-seed-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

/** A seed declaring the built-in password rotator as `rotate-password`, and its ARN. */
export const PASSWORD_ROTATOR_SEED = 'lambda:\n  functions:\n    - name: rotate-password\n      builtin: password\n';
export const PASSWORD_ROTATOR = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-password';

