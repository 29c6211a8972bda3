// `python` + `handler`: a folder and a `lambda_function.lambda_handler` style handler, run by
// runtime/lambda_bootstrap.py with `python3`, so Python rotation functions written for Lambda
// (AWS's templates among them) run unmodified.
import { join } from 'node:path';
import type { RotationFunction } from '../functions';
import { bootstrapFunction, RUNTIME_DIR } from './bootstrap';

export function pythonFunction(directory: string, handler: string, env: Record<string, string> = {}): RotationFunction {
  // -u: unbuffered, so the function's prints reach the log in order with its errors; no
  // bytecode: running a function leaves no __pycache__ in the user's folder.
  return bootstrapFunction({
    command: 'python3',
    args: ['-u', join(RUNTIME_DIR, 'lambda_bootstrap.py'), directory, handler],
    cwd: directory,
    env: { PYTHONDONTWRITEBYTECODE: '1', ...env },
  });
}
