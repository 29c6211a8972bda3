// Helpers for the multi-Region key tests: one account's clients in two Regions, a primary key
// and its replica completed by the job runner.
import { ReplicateKeyCommand, type KeyMetadata, type KMSClient } from '@aws-sdk/client-kms';
import type { TestServer } from '../../helpers/server';
import { createKey, freshAccount } from './key-management';
import { runJobs } from './key-store-support';

type Server = Pick<TestServer, 'kms' | 'url'>;

export const PRIMARY = 'us-east-1';
export const REPLICA = 'eu-west-1';

export function regionClients(server: Server): { east: KMSClient; west: KMSClient; account: string } {
  const account = freshAccount();
  return { east: server.kms({ region: PRIMARY, accessKeyId: account }), west: server.kms({ region: REPLICA, accessKeyId: account }), account };
}

/** A multi-Region primary key in us-east-1 and its replica in eu-west-1, Enabled. */
export async function replicatedKey(server: Server, east: KMSClient): Promise<KeyMetadata> {
  const key = await createKey(east, { MultiRegion: true });
  await east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: REPLICA }));
  await runJobs(server);
  return key;
}
