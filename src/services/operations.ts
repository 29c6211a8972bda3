// A service's operation table, read from its operations/ folder: one file per operation,
// named exactly as the operation and exporting a function of that name. A file that names no
// operation of the model, or lacks its function, stops the start-up.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceModel } from '../protocol/model';
import type { Operation } from './service';

const OPERATION_FILE = /^([A-Z][A-Za-z0-9]*)\.(?:ts|js)$/;

export function loadOperations<C>(dir: string, model: ServiceModel): Record<string, Operation<C>> {
  const operations: Record<string, Operation<C>> = {};
  for (const file of readdirSync(dir).sort()) {
    const name = OPERATION_FILE.exec(file)?.[1];
    if (!name) continue;
    if (!model.operations[name]) throw new Error(`${join(dir, file)}: ${name} is not an operation of ${model.metadata.targetPrefix}`);
    const handler = (require(join(dir, file)) as Record<string, unknown>)[name];
    if (typeof handler !== 'function') throw new Error(`${join(dir, file)} does not export a function ${name}`);
    operations[name] = handler as Operation<C>;
  }
  return operations;
}
