// RSA key generation (0.2 s to several seconds of CPU each) runs in libuv's thread pool, off
// the event loop: while four RSA_4096 keys are being made, other calls are answered at once.
import { CreateKeyCommand, GenerateDataKeyPairCommand, GenerateRandomCommand } from '@aws-sdk/client-kms';
import { Slots } from '../../../src/services/kms/crypto/slots';
import { useServer } from '../../helpers/server';

const server = useServer();

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('slow key generation', () => {
  it('does not hold up a health check or a cheap KMS call', async () => {
    const kms = server.kms();
    const parent = await kms.send(new CreateKeyCommand({}));
    const generations = jest.spyOn(Slots.prototype, 'run');
    const finished: string[] = [];
    const track = (label: string, call: Promise<unknown>) =>
      call.then(() => {
        finished.push(label);
      });
    try {
      const slow = [
        track('CreateKey', kms.send(new CreateKeyCommand({ KeySpec: 'RSA_4096', KeyUsage: 'SIGN_VERIFY' }))),
        track('CreateKey', kms.send(new CreateKeyCommand({ KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT' }))),
        track('GenerateDataKeyPair', kms.send(new GenerateDataKeyPairCommand({ KeyId: parent.KeyMetadata!.KeyId, KeyPairSpec: 'RSA_4096' }))),
        track('GenerateDataKeyPair', kms.send(new GenerateDataKeyPairCommand({ KeyId: parent.KeyMetadata!.KeyId, KeyPairSpec: 'RSA_4096' }))),
      ];
      // All four are generating (or queued for the thread pool) before the cheap calls are sent.
      await until(() => generations.mock.calls.length === 4);
      const cheap = [
        track('health', fetch(`${server.url}/_strongroom/health`).then((res) => expect(res.ok).toBe(true))),
        track('GenerateRandom', kms.send(new GenerateRandomCommand({ NumberOfBytes: 16 }))),
      ];
      await Promise.all([...slow, ...cheap]);
      expect(finished.slice(0, 2).sort()).toEqual(['GenerateRandom', 'health']);
      expect(finished).toHaveLength(6);
    } finally {
      generations.mockRestore();
    }
  }, 120_000);
});
