// Which rotation function an ARN names, in the order: a function the seed file declares
// (its `lambda` section), else the Lambda endpoint given by --lambda-endpoint, else none (the
// engine then answers AWS's AccessDeniedException). Only the ARN chooses, and only among what the
// configuration declares: nothing in a request can name a program or a URL.
import type { FunctionResolver } from '../functions';
import { endpointFunction } from './endpoint';
import type { FunctionRegistry } from './registry';

/** `arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]` */
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9_$-]+)?$/;

export function createFunctionResolver(registry: FunctionRegistry, lambdaEndpoint?: string): FunctionResolver {
  const forwarded = lambdaEndpoint ? endpointFunction(lambdaEndpoint) : undefined;
  return (functionArn) => {
    const match = FUNCTION_ARN.exec(functionArn);
    if (!match) return undefined;
    const [, region, account, name] = match;
    return registry.find(name, region, account) ?? forwarded;
  };
}
