// Helpers for the custom key store tests: stores of both types, connecting them through the
// job runner, and reading them back.
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DescribeCustomKeyStoresCommand,
  type CreateCustomKeyStoreRequest,
  type CustomKeyStoresListEntry,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';

const CLUSTER = 'cluster-234abcdefgh';
const XKS_ENDPOINT = 'https://xks.example.com';
const XKS_PATH = '/kms/xks/v1';
export const XKS_CREDENTIAL = { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'a'.repeat(43) };
export const VPC_SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdefg';

export function cloudHsmStore(name: string, CloudHsmClusterId = CLUSTER): CreateCustomKeyStoreRequest {
  return { CustomKeyStoreName: name, CloudHsmClusterId, TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----', KeyStorePassword: 'kmsuser-password' };
}

export function externalStore(name: string, XksProxyUriPath = XKS_PATH): CreateCustomKeyStoreRequest {
  return {
    CustomKeyStoreName: name,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyUriEndpoint: XKS_ENDPOINT,
    XksProxyUriPath,
    XksProxyAuthenticationCredential: XKS_CREDENTIAL,
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
  };
}

export async function createStore(kms: KMSClient, input: CreateCustomKeyStoreRequest): Promise<string> {
  return (await kms.send(new CreateCustomKeyStoreCommand(input))).CustomKeyStoreId!;
}

export async function describeStore(kms: KMSClient, CustomKeyStoreId: string): Promise<CustomKeyStoresListEntry> {
  return (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).CustomKeyStores![0];
}

/** Runs the jobs that are due: a connection under way completes. */
export async function runJobs(server: { url: string }): Promise<void> {
  const res = await fetch(`${server.url}/_strongroom/jobs/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (res.status !== 200) throw new Error(`jobs/wait: ${res.status}`);
}

/** A store connected: ConnectCustomKeyStore, then the job that completes it. */
export async function connectedStore(kms: KMSClient, server: { url: string }, input: CreateCustomKeyStoreRequest): Promise<string> {
  const id = await createStore(kms, input);
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await runJobs(server);
  return id;
}

/** A key in a connected CloudHSM key store. */
export async function keyInStore(kms: KMSClient, CustomKeyStoreId: string): Promise<KeyMetadata> {
  return (await kms.send(new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM' }))).KeyMetadata!;
}
