import { GetRandomPasswordCommand, type GetRandomPasswordCommandInput } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';

const server = useServer();

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const password = async (input: GetRandomPasswordCommandInput = {}) =>
  (await server.sm().send(new GetRandomPasswordCommand(input))).RandomPassword!;

describe('GetRandomPassword', () => {
  it('defaults to 32 characters with every type included', async () => {
    for (let i = 0; i < 20; i++) {
      const p = await password();
      expect(p).toHaveLength(32);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect([...p].some((c) => PUNCTUATION.includes(c))).toBe(true);
      expect(p).not.toContain(' ');
    }
  });

  it('honours length, exclusions and IncludeSpace', async () => {
    const p = await password({ PasswordLength: 4096, ExcludeCharacters: 'abcXYZ019', ExcludePunctuation: true, IncludeSpace: true });
    expect(p).toHaveLength(4096);
    expect(p).toMatch(/^[A-Za-z0-9 ]+$/);
    expect(p).not.toMatch(/[abcXYZ019]/);
    expect(p).toContain(' ');
    expect(await password({ PasswordLength: 50, ExcludeUppercase: true, ExcludeLowercase: true, ExcludePunctuation: true })).toMatch(/^[0-9]{50}$/);
  });

  it('draws every character type when RequireEachIncludedType is on, even at the minimum length', async () => {
    for (let i = 0; i < 20; i++) {
      const p = await password({ PasswordLength: 4 });
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
    }
    expect(await password({ PasswordLength: 1, RequireEachIncludedType: false })).toHaveLength(1);
  });

  it('rejects a length too short for the required types', async () => {
    expect(await awsError(() => password({ PasswordLength: 3 }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Password length is too short based on the required types.',
      status: 400,
    });
  });

  it('rejects exclusions that leave nothing to draw from', async () => {
    const all = { ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true };
    expect(await awsError(() => password(all))).toEqual({
      name: 'InvalidParameterException',
      message: 'All characters have been excluded from selection.',
      status: 400,
    });
    expect(await awsError(() => password({ ...all, ExcludeNumbers: false, ExcludeCharacters: '0123456789' }))).toEqual({
      name: 'InvalidParameterException',
      message: 'All characters have been excluded from selection.',
      status: 400,
    });
    expect(await password({ ...all, IncludeSpace: true, PasswordLength: 3 })).toBe('   ');
  });

  it('rejects a required type that ExcludeCharacters empties', async () => {
    expect(await awsError(() => password({ ExcludeCharacters: '0123456789' }))).toEqual({
      name: 'InvalidParameterException',
      message: 'All characters of the desired type have been excluded.',
      status: 400,
    });
    const p = await password({ ExcludeCharacters: '0123456789', RequireEachIncludedType: false });
    expect(p).toHaveLength(32);
    expect(p).not.toMatch(/[0-9]/);
    expect(await password({ ExcludeCharacters: '0123456789', ExcludeNumbers: true })).toHaveLength(32);
  });

  it('rejects lengths outside 1..4096 with AWS text', async () => {
    expect(await awsError(() => password({ PasswordLength: 4097 }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '4097' at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096",
      status: 400,
    });
    expect(await awsError(() => password({ PasswordLength: 0 }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'passwordLength' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
  });

  it('answers Secrets Manager errors with a capital Message key on the wire', async () => {
    const res = await server.raw('secretsmanager.GetRandomPassword', JSON.stringify({ PasswordLength: 3 }));
    expect(res.json).toEqual({ __type: 'InvalidParameterException', Message: 'Password length is too short based on the required types.' });
  });
});
