/** Runs async jobs one at a time, in call order: one CCI never sees two commands at once. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Jobs queued or running. */
  get pending(): number {
    return this.#pending;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    this.#pending++;
    const done = () => {
      this.#pending--;
    };
    const p = this.#tail.then(job);
    this.#tail = p.then(done, done);
    return p;
  }
}
