import { GenerateRandomCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';

const server = useServer();

describe('GenerateRandom', () => {
  it('returns the number of random bytes asked for, different each time', async () => {
    const kms = server.kms();
    const a = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    const b = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    expect(a.Plaintext).toHaveLength(32);
    expect(Buffer.from(a.Plaintext!).equals(Buffer.from(b.Plaintext!))).toBe(false);
    const max = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1024 }));
    expect(max.Plaintext).toHaveLength(1024);
  });

  it('never hands out the same bytes twice, across many calls', async () => {
    const kms = server.kms();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const { Plaintext } = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1000 }));
      expect(Plaintext).toHaveLength(1000);
      for (let j = 0; j < 1000; j += 8) seen.add(Buffer.from(Plaintext!.subarray(j, j + 8)).toString('hex'));
    }
    expect(seen.size).toBe(40 * 125);
  });

  it.each([
    [0, "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [1025, "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024"],
  ])('rejects NumberOfBytes %s with AWS text', async (n, message) => {
    expect(await awsError(() => server.kms().send(new GenerateRandomCommand({ NumberOfBytes: n })))).toEqual({
      name: 'ValidationException',
      message,
      status: 400,
    });
  });

  it('requires NumberOfBytes', async () => {
    expect(await awsError(() => server.kms().send(new GenerateRandomCommand({})))).toEqual({
      name: 'ValidationException',
      message: 'NumberOfBytes is required.',
      status: 400,
    });
  });

  it('answers KMS errors with a lowercase message key on the wire', async () => {
    const res = await server.raw('TrentService.GenerateRandom', JSON.stringify({ NumberOfBytes: 0 }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });
});
