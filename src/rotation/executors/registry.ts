// The functions a seed file declares, by name and optionally region and account. The most
// specific declaration wins: name + region + account, then name + one of them, then name alone.
import type { RotationFunction } from '../functions';

interface DeclaredFunction {
  name: string;
  /** Unset: the function answers in every region (or account). */
  region?: string;
  account?: string;
  fn: RotationFunction;
}

const keyOf = (name: string, region = '*', account = '*') => `${account}/${region}/${name}`;

export class FunctionRegistry {
  private readonly functions = new Map<string, RotationFunction>();

  /** Adds a declaration; false where one with the same name, region and account exists. */
  declare(entry: DeclaredFunction): boolean {
    const key = keyOf(entry.name, entry.region, entry.account);
    if (this.functions.has(key)) return false;
    this.functions.set(key, entry.fn);
    return true;
  }

  find(name: string, region: string, account: string): RotationFunction | undefined {
    return (
      this.functions.get(keyOf(name, region, account)) ??
      this.functions.get(keyOf(name, region)) ??
      this.functions.get(keyOf(name, undefined, account)) ??
      this.functions.get(keyOf(name))
    );
  }
}
