// Every AWS error Strongroom answers with is an AwsError; one serializer (http/respond.ts)
// writes them all. The `name` is the wire `__type`; status comes from the service model
// (fault → 500, otherwise 400) unless the error fixes its own (front-door errors).
import type { ServiceModel } from './model';

export class AwsError extends Error {
  /** Set for errors the service model does not list (front door, auth). */
  readonly status?: number;
  /** Set where AWS spells the message key the same in both services (front door, auth). */
  readonly messageKey?: 'message' | 'Message';

  constructor(message?: string, status?: number) {
    super(message ?? '');
    this.name = new.target.name;
    this.status = status;
  }

  /** Whether to write a message member at all: some AWS errors carry none (InvalidCiphertextException …). */
  get hasMessage(): boolean {
    return this.message !== '';
  }
}

/** Status of an error: its own if it fixes one, else 500 for a fault the model marks, else 400. */
export function statusOf(err: AwsError, model: ServiceModel | undefined): number {
  return err.status ?? (model?.shapes[err.name]?.fault ? 500 : 400);
}

// Front door and protocol: not in the models.
export class UnknownOperationException extends AwsError {
  override readonly messageKey = 'message';
  /** 400 for a missing or unknown target; 404 for a content type that is not AWS JSON. AWS gives no message; Strongroom names a service it does not emulate. */
  constructor(status = 400, message = '') {
    super(message, status);
  }
}
export class SerializationException extends AwsError {
  override readonly messageKey = 'Message';
  constructor(message?: string) {
    super(message, 400);
  }
}
/** The signature errors: 400 with a lowercase `message` in both services. */
class SignatureError extends AwsError {
  override readonly messageKey = 'message';
  constructor(message: string) {
    super(message, 400);
  }
}
export class MissingAuthenticationTokenException extends SignatureError {
  constructor() {
    super('Missing Authentication Token');
  }
}
export class IncompleteSignatureException extends SignatureError {}
export class InvalidSignatureException extends SignatureError {}
/** An access key or session token AWS does not know (STS words it InvalidClientTokenId). */
export class UnrecognizedClientException extends SignatureError {
  constructor(message = 'The security token included in the request is invalid.') {
    super(message);
  }
}
/** Temporary credentials past their expiration (STS words it ExpiredToken). AWS's text has no final period. */
export class ExpiredTokenException extends SignatureError {
  constructor(message = 'The security token included in the request is expired') {
    super(message);
  }
}
export class AccessDeniedException extends AwsError {}
/** A request that is not valid HTTP at all (bad framing, bad header bytes): not AWS-defined. */
export class BadRequestException extends AwsError {
  override readonly messageKey = 'message';
  constructor(status: number, message: string) {
    super(message, status);
  }
}
/** A request the browser guard refuses (a web origin or host name that is not allowed): not AWS-defined. */
export class ForbiddenException extends AwsError {
  override readonly messageKey = 'message';
  constructor(message: string) {
    super(message, 403);
  }
}
export class InternalFailure extends AwsError {
  override readonly messageKey = 'message';
  constructor(message = 'An internal error occurred.') {
    super(message, 500);
  }
}
export class NotImplementedYet extends AwsError {
  constructor(operation: string) {
    super(`Strongroom does not implement ${operation} yet.`, 501);
    this.name = 'NotImplementedException';
  }
}

// Shared by both services.
export class ValidationException extends AwsError {}

// Secrets Manager
export class ResourceNotFoundException extends AwsError {}
export class ResourceExistsException extends AwsError {}
export class InvalidRequestException extends AwsError {}
export class InvalidParameterException extends AwsError {}
export class InvalidNextTokenException extends AwsError {}
export class MalformedPolicyDocumentException extends AwsError {}
export class PublicPolicyException extends AwsError {}
export class LimitExceededException extends AwsError {}
export class EncryptionFailure extends AwsError {}
export class DecryptionFailure extends AwsError {}
export class PreconditionNotMetException extends AwsError {}
export class InternalServiceError extends AwsError {}

// KMS
export class NotFoundException extends AwsError {}
export class AlreadyExistsException extends AwsError {}
export class DisabledException extends AwsError {}
export class KMSInvalidStateException extends AwsError {}
export class InvalidKeyUsageException extends AwsError {}
export class InvalidCiphertextException extends AwsError {}
export class IncorrectKeyException extends AwsError {}
export class InvalidArnException extends AwsError {}
export class InvalidAliasNameException extends AwsError {}
export class InvalidGrantIdException extends AwsError {}
export class InvalidGrantTokenException extends AwsError {}
export class InvalidMarkerException extends AwsError {}
export class KMSInvalidSignatureException extends AwsError {}
export class KMSInvalidMacException extends AwsError {}
export class KMSInternalException extends AwsError {}
export class DryRunOperationException extends AwsError {
  constructor() {
    super('The request would have succeeded, but the DryRun option is set.');
  }
}
export class TagException extends AwsError {}
export class UnsupportedOperationException extends AwsError {}
export class CustomKeyStoreNotFoundException extends AwsError {}
export class CustomKeyStoreNameInUseException extends AwsError {}
export class CustomKeyStoreInvalidStateException extends AwsError {}
export class CustomKeyStoreHasCMKsException extends AwsError {}
export class CloudHsmClusterInUseException extends AwsError {}
export class XksProxyUriInUseException extends AwsError {}
export class XksProxyVpcEndpointServiceInUseException extends AwsError {}
export class XksKeyAlreadyInUseException extends AwsError {}
export class IncorrectKeyMaterialException extends AwsError {}
export class ExpiredImportTokenException extends AwsError {}
export class InvalidImportTokenException extends AwsError {}
/** Not in the KMS model: the answer to writes of reserved `alias/aws/` names. */
export class NotAuthorizedException extends AwsError {}

// STS
export class PackedPolicyTooLargeException extends AwsError {}

// CloudTrail (InvalidNextTokenException is shared with Secrets Manager, above)
export class InvalidLookupAttributesException extends AwsError {}
export class InvalidMaxResultsException extends AwsError {}
export class InvalidTimeRangeException extends AwsError {}
