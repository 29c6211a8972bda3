// Secrets Manager's error texts, as AWS words them (FIDELITY A1–A8; unverified ones are listed
// in docs/divergences.md).
import {
  InvalidParameterException,
  InvalidRequestException,
  ResourceExistsException,
  ResourceNotFoundException,
} from '../../protocol/errors';

export const secretNotFound = () => new ResourceNotFoundException("Secrets Manager can't find the specified secret.");

export const markedForDeletion = () =>
  new InvalidRequestException("You can't perform this operation on the secret because it was marked for deletion.");

export const replicaWrite = () =>
  new InvalidParameterException("Operation not permitted on a replica secret. Call must be made in primary secret's region.");

export const TOKEN_REQUIRED = 'You must provide a ClientRequestToken value. We recommend a UUID-type value.';
export const tokenRequired = () => new InvalidRequestException(TOKEN_REQUIRED);

export const tokenInUse = (token: string, arn: string) =>
  new ResourceExistsException(`You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${arn}.`);

export const bothValues = () =>
  new InvalidParameterException("You can't specify both a binary secret value and a string secret value in the same secret.");

export const valueNotFoundForVersion = (versionId: string) =>
  new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);

export const valueNotFoundForStage = (stage: string) =>
  new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for staging label: ${stage}`);
