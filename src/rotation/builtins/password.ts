// `builtin: password`: AWS's generic rotation template with a password as the secret. createSecret
// gives a JSON object a new `password` (every other field kept) and replaces any other value whole;
// there is nothing to set or test elsewhere, so setSecret and testSecret succeed as they are.
import { CURRENT, rotator } from './contract';
import { putPendingOnce, randomPassword, readValue } from './values';

/** The characters the generic template leaves out of generated passwords by default. */
const EXCLUDE_CHARACTERS = '/@"\'\\';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parsed(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export const passwordRotator = rotator({
  async createSecret(step) {
    // The current version must exist (a binary or empty value is replaced whole).
    const current = parsed(await readValue(step, step.arn, CURRENT));
    await putPendingOnce(step, async () => {
      const password = await randomPassword(step, EXCLUDE_CHARACTERS);
      return current ? JSON.stringify({ ...current, password }) : password;
    });
  },
  setSecret: async () => undefined,
  testSecret: async () => undefined,
});
