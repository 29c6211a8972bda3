// Reading a version's value by VersionId and/or VersionStage (AWSCURRENT by default), with
// GetSecretValue's errors (FIDELITY A3); shared with BatchGetSecretValue.
import type { GetSecretValueResponse } from '../../protocol/generated/secretsmanager';
import { InvalidRequestException } from '../../protocol/errors';
import type { SecretsManagerContext } from './context';
import { findVersion } from './history';
import { valueNotFoundForStage, valueNotFoundForVersion } from './messages';
import type { SecretRecord } from './records';
import { checkNotDeleted, readValue, touchAccess, valueFields } from './secrets';
import { CURRENT, holderOf } from './versions';

export async function getValue(ctx: SecretsManagerContext, record: SecretRecord, versionId?: string, stage?: string): Promise<GetSecretValueResponse> {
  checkNotDeleted(record);
  let version;
  if (versionId !== undefined) {
    version = await findVersion(ctx, record, versionId);
    if (!version) throw valueNotFoundForVersion(versionId);
    if (stage !== undefined && !version.stages.includes(stage)) {
      throw new InvalidRequestException('You provided a VersionStage that is not associated to the provided VersionId.');
    }
  } else {
    version = holderOf(record.versions, stage ?? CURRENT);
    if (!version) throw valueNotFoundForStage(stage ?? CURRENT);
  }
  // A rotation's pending version before its function's PutSecretValue: AWS answers as for no value.
  if (version.empty) throw versionId !== undefined ? valueNotFoundForVersion(versionId) : valueNotFoundForStage(stage ?? CURRENT);
  const value = await readValue(ctx, record, version.id);
  await touchAccess(ctx, record, version);
  return {
    ARN: record.arn,
    Name: record.name,
    VersionId: version.id,
    ...valueFields(value),
    VersionStages: [...version.stages],
    CreatedDate: new Date(version.createdAt),
  };
}
