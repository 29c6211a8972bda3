import type { TemporaryCredentials } from '../../auth/types';
import type { Credentials } from '../../protocol/generated/sts';

/** Issued credentials as STS returns them. */
export function credentialsOf(issued: TemporaryCredentials): Credentials {
  return { AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: issued.expiration };
}
