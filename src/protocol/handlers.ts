// The handler signature a generated operation registry (protocol/generated/<service>.ts) asks
// of each operation. Written as function-typed properties, not methods, so that a handler's
// input type is checked strictly (method parameters are bivariant in TypeScript).

interface OperationTypes {
  input: object;
  output: object | void;
}

export type Handlers<C, Operations extends { [Op in keyof Operations]: OperationTypes }> = {
  [Op in keyof Operations]: (ctx: C, input: Operations[Op]['input']) => Promise<Operations[Op]['output']> | Operations[Op]['output'];
};
