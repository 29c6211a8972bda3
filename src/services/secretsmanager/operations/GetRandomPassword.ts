import { randomInt } from 'node:crypto';
import type { GetRandomPasswordRequest, GetRandomPasswordResponse } from '@aws-sdk/client-secrets-manager';
import { InvalidParameterException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';

const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const NUMBERS = '0123456789';
// AWS's punctuation set for generated passwords.
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const DEFAULT_LENGTH = 32;

export function GetRandomPassword(_ctx: SecretsManagerContext, input: GetRandomPasswordRequest): GetRandomPasswordResponse {
  const length = input.PasswordLength ?? DEFAULT_LENGTH;
  const excluded = new Set(input.ExcludeCharacters ?? '');
  const keep = (chars: string) => [...chars].filter((c) => !excluded.has(c));
  // Each included type that still has characters after ExcludeCharacters.
  const types = [
    input.ExcludeUppercase ? [] : keep(UPPERCASE),
    input.ExcludeLowercase ? [] : keep(LOWERCASE),
    input.ExcludeNumbers ? [] : keep(NUMBERS),
    input.ExcludePunctuation ? [] : keep(PUNCTUATION),
  ].filter((chars) => chars.length > 0);
  const space = input.IncludeSpace && !excluded.has(' ') ? [' '] : [];
  const pool = [...types.flat(), ...space];
  if (pool.length === 0) throw new InvalidParameterException('The password must contain at least one character type.');

  const required = input.RequireEachIncludedType ?? true ? types : [];
  if (required.length > length) throw new InvalidParameterException('Password length is too short based on the required types.');

  const chars = required.map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(pool[randomInt(pool.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return { RandomPassword: chars.join('') };
}
