// readInput on a small model of its own, for the rules neither service's input shapes
// exercise today: constrained map keys and values, sensitive maps, code-point lengths.
import { SerializationException, ValidationException } from '../../src/protocol/errors';
import { readInput } from '../../src/protocol/input';
import type { ServiceModel, Shape } from '../../src/protocol/model';

const shapes: Record<string, Shape> = {
  Input: {
    type: 'structure',
    members: {
      Variables: { shape: 'Variables' },
      Secrets: { shape: 'Secrets' },
      Stages: { shape: 'Stages' },
      Name: { shape: 'Name' },
      When: { shape: 'When' },
      Context: { shape: 'Context' },
    },
  },
  Context: { type: 'map', key: { shape: 'Text' }, value: { shape: 'Text' } },
  Text: { type: 'string' },
  Variables: { type: 'map', key: { shape: 'VariableName' }, value: { shape: 'VariableValue' }, max: 3 },
  VariableName: { type: 'string', min: 1, max: 8, pattern: '[a-zA-Z]+' },
  VariableValue: { type: 'string', min: 1, max: 50000 },
  Secrets: { type: 'map', key: { shape: 'VariableName' }, value: { shape: 'SecretValue' } },
  SecretValue: { type: 'string', min: 1, max: 10, sensitive: true },
  Stages: { type: 'map', key: { shape: 'VariableName' }, value: { shape: 'StageList' } },
  StageList: { type: 'list', min: 1, max: 2, member: { shape: 'VariableValue' } },
  Name: { type: 'string', min: 2, max: 3 },
  When: { type: 'timestamp' },
};
const model = { name: 'kms', metadata: {}, operations: {}, shapes, errorMessageKey: 'message' } as unknown as ServiceModel;

function messageOf(body: Record<string, unknown>): string {
  try {
    readInput(model, 'Input', body);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationException);
    return (err as Error).message;
  }
  throw new Error('expected a ValidationException');
}

describe('maps', () => {
  it('reads keys and values and keeps keys such as __proto__ as plain entries', () => {
    const input = readInput<{ Context: Record<string, string> }>(model, 'Input', JSON.parse('{"Context":{"a":"1","__proto__":"2","b":null}}'));
    expect(Object.entries(input.Context)).toEqual([
      ['a', '1'],
      ['__proto__', '2'],
    ]);
    expect(Object.getPrototypeOf(input.Context)).toBe(Object.prototype);
  });

  it('reports bad values once, at the map, listing every constraint of the value shape (max first)', () => {
    expect(messageOf({ Variables: { a: 'x', b: '' } })).toBe(
      "1 validation error detected: Value '{a=x, b=}' at 'variables' failed to satisfy constraint: " +
        'Map value must satisfy constraint: [Member must have length less than or equal to 50000, Member must have length greater than or equal to 1]',
    );
  });

  it('reports bad keys with their pattern, and bad keys and values as two errors', () => {
    expect(messageOf({ Variables: { 'not-ok': '', b: 'x' } })).toBe(
      "2 validation errors detected: Value '{not-ok=, b=x}' at 'variables' failed to satisfy constraint: " +
        'Map keys must satisfy constraint: [Member must have length less than or equal to 8, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [a-zA-Z]+]; ' +
        "Value '{not-ok=, b=x}' at 'variables' failed to satisfy constraint: " +
        'Map value must satisfy constraint: [Member must have length less than or equal to 50000, Member must have length greater than or equal to 1]',
    );
  });

  it('checks the number of entries like a length', () => {
    expect(messageOf({ Variables: { a: '1', b: '2', c: '3', d: '4' } })).toBe(
      "1 validation error detected: Value '{a=1, b=2, c=3, d=4}' at 'variables' failed to satisfy constraint: Member must have length less than or equal to 3",
    );
  });

  it('omits the value of a map whose values are sensitive', () => {
    expect(messageOf({ Secrets: { a: 'x'.repeat(11) } })).toBe(
      "1 validation error detected: Value at 'secrets' failed to satisfy constraint: " +
        'Map value must satisfy constraint: [Member must have length less than or equal to 10, Member must have length greater than or equal to 1]',
    );
  });

  it('counts a constraint broken inside a list value as a bad map value', () => {
    expect(messageOf({ Stages: { a: [] } })).toBe(
      "1 validation error detected: Value '{a=[]}' at 'stages' failed to satisfy constraint: " +
        'Map value must satisfy constraint: [Member must have length less than or equal to 2, Member must have length greater than or equal to 1]',
    );
  });
});

describe('scalars', () => {
  it('counts string lengths in code points', () => {
    expect(readInput(model, 'Input', { Name: '😀😀' })).toEqual({ Name: '😀😀' });
    expect(messageOf({ Name: '😀' })).toBe(
      "1 validation error detected: Value '😀' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('reads timestamps as epoch seconds', () => {
    expect(readInput(model, 'Input', { When: 1767225600.5 })).toEqual({ When: new Date('2026-01-01T00:00:00.500Z') });
    expect(() => readInput(model, 'Input', { When: false })).toThrow(new SerializationException('FALSE_VALUE can not be converted to a Timestamp'));
  });
});
