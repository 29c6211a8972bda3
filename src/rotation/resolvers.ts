// Where rotation functions come from: a list of resolvers asked in order (functions given to
// createStrongroom(); seed-declared ones and Lambda endpoints join the list), the first that
// knows the ARN wins. None: RotateSecret answers AWS's AccessDeniedException.
import type { FunctionResolver } from './functions';

export function firstOf(resolvers: FunctionResolver[]): FunctionResolver {
  return (functionArn) => {
    for (const resolve of resolvers) {
      const found = resolve(functionArn);
      if (found) return found;
    }
    return undefined;
  };
}
