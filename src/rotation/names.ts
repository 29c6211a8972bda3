// Lambda function ARNs as rotation names them: arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>].

/** The function's name: the ARN's segment after `function:` (no version or alias qualifier); the whole string if it is not such an ARN. */
export function functionNameOf(functionArn: string): string {
  const parts = functionArn.split(':');
  return parts.length >= 7 && parts[5] === 'function' ? parts[6] : functionArn;
}
