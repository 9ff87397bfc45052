/**
 * The rule list behind every fault plan of the emulator (the CCI link's and the MCTP-serial
 * peer's): rules in the order added, each firing for the messages it matches until its `times`
 * run out or the list is cleared.
 */
export interface CountedRule<F> {
  fault: F;
  /** How many times it fires (default: until cleared). */
  times?: number;
}

export class FaultRules<F, R extends CountedRule<F>> {
  #rules: R[] = [];

  add(rule: R): this {
    this.#rules.push({ ...rule });
    return this;
  }

  clear(): void {
    this.#rules = [];
  }

  get size(): number {
    return this.#rules.length;
  }

  /** The fault of the first rule `matches` accepts, consuming one use of that rule. */
  protected takeFirst(matches: (rule: R) => boolean): F | undefined {
    if (this.#rules.length === 0) return undefined;
    const i = this.#rules.findIndex(matches);
    if (i < 0) return undefined;
    const r = this.#rules[i];
    if (r.times !== undefined && --r.times <= 0) this.#rules.splice(i, 1);
    return r.fault;
  }
}
