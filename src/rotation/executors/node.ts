// `module` + `handler`: a Node.js module (CommonJS or ESM) and the name of its exported handler,
// run by runtime/node-bootstrap.cjs in a child `node` process (async, promise or callback style).
import { dirname, join } from 'node:path';
import type { RotationFunction } from '../functions';
import { bootstrapFunction, RUNTIME_DIR } from './bootstrap';

export function nodeFunction(module: string, handler: string, env: Record<string, string> = {}): RotationFunction {
  return bootstrapFunction({ command: process.execPath, args: [join(RUNTIME_DIR, 'node-bootstrap.cjs'), module, handler], cwd: dirname(module), env });
}
