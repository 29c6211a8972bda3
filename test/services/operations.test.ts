// The operation tables (src/services/*/operations/index.ts): every file of operations/ is listed,
// under the operation it is named for, and names an operation of the model. The type check
// covers the handlers' signatures; this covers a file left out of the table, and a loader that
// loads another file's handler.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, type ServiceName } from '../../src/protocol/model';
import { cloudTrailOperations } from '../../src/services/cloudtrail/operations';
import { kmsOperations } from '../../src/services/kms/operations';
import { secretsManagerOperations } from '../../src/services/secretsmanager/operations';
import { stsOperations } from '../../src/services/sts/operations';

const tables: { service: ServiceName; table: Record<string, () => unknown> }[] = [
  { service: 'kms', table: kmsOperations },
  { service: 'secretsmanager', table: secretsManagerOperations },
  { service: 'sts', table: stsOperations },
  { service: 'cloudtrail', table: cloudTrailOperations },
];

describe.each(tables)('the $service operation table', ({ service, table }) => {
  const dir = join(__dirname, '..', '..', 'src', 'services', service, 'operations');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -'.ts'.length));

  it('lists every operation file, each under its own name', async () => {
    expect(Object.keys(table).sort()).toEqual(files.sort());
    for (const name of files) expect(table[name]()).toBe(((await import(join(dir, name))) as Record<string, unknown>)[name]);
  });

  it('holds operations of the model only', () => {
    const model = loadModel(service);
    expect(Object.keys(table).filter((name) => !model.operations[name])).toEqual([]);
  });
});
