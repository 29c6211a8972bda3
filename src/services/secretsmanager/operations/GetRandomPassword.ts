import { randomInt } from 'node:crypto';
import type { GetRandomPasswordRequest, GetRandomPasswordResponse } from '../../../protocol/generated/secretsmanager';
import { InvalidParameterException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';

const UPPERCASE = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const LOWERCASE = [...'abcdefghijklmnopqrstuvwxyz'];
const NUMBERS = [...'0123456789'];
// AWS's punctuation set for generated passwords.
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const DEFAULT_LENGTH = 32;

export function GetRandomPassword(_ctx: SecretsManagerContext, input: GetRandomPasswordRequest): GetRandomPasswordResponse {
  const length = input.PasswordLength ?? DEFAULT_LENGTH;
  const excluded = new Set(input.ExcludeCharacters ?? '');
  const keep = (chars: string[]) => (excluded.size === 0 ? chars : chars.filter((c) => !excluded.has(c)));
  // The characters left of each type its flag includes, after ExcludeCharacters.
  const types: string[][] = [];
  if (!input.ExcludeUppercase) types.push(keep(UPPERCASE));
  if (!input.ExcludeLowercase) types.push(keep(LOWERCASE));
  if (!input.ExcludeNumbers) types.push(keep(NUMBERS));
  if (!input.ExcludePunctuation) types.push(keep(PUNCTUATION));
  const space = input.IncludeSpace && !excluded.has(' ') ? [' '] : [];
  // concat rather than flat(): flat() is several times slower in V8 on this hot path.
  const pool = space.concat(...types);
  if (pool.length === 0) throw new InvalidParameterException('All characters have been excluded from selection.');

  const required = input.RequireEachIncludedType ?? true ? types : [];
  if (required.some((chars) => chars.length === 0)) throw new InvalidParameterException('All characters of the desired type have been excluded.');
  if (required.length > length) throw new InvalidParameterException('Password length is too short based on the required types.');

  const chars = required.map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(pool[randomInt(pool.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return { RandomPassword: chars.join('') };
}
