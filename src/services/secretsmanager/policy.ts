// Resource policies of secrets: IAM policy documents (shared/iam-policy), with Secrets
// Manager's own error texts.
import { MalformedPolicyDocumentException, PublicPolicyException } from '../../protocol/errors';
import { grantsPublicAccess, parsePolicy, PolicySyntaxError, type PolicyDocument } from '../../auth/policy/grammar';

const PUBLIC_POLICY = 'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.';

export function parseResourcePolicy(text: string): PolicyDocument {
  try {
    return parsePolicy(text);
  } catch (err) {
    if (!(err instanceof PolicySyntaxError)) throw err;
    throw new MalformedPolicyDocumentException(
      err.unsupportedPrincipal ? 'This resource policy contains an unsupported principal.' : 'This resource policy contains a syntax error.',
    );
  }
}

/** Checks a policy before it is stored: valid, and not public when BlockPublicPolicy is set. */
export function checkResourcePolicy(text: string, blockPublic: boolean): void {
  const doc = parseResourcePolicy(text);
  if (blockPublic && grantsPublicAccess(doc)) throw new PublicPolicyException(PUBLIC_POLICY);
}
