/**
 * Tests that need a program from outside the project (zsh, util-linux `script`, Prometheus) skip
 * where it is missing — except under CI=true, where `.ci/run` installs every one of them and a
 * missing one is a failure: the suite runs and its first check says what is missing.
 */
import { before } from 'node:test';

export const inCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== 'false';

/** `describe` options: skip with `reason` where the prerequisite is missing, never under CI. */
export function needs(available: boolean, reason: string): { skip: string | false } {
  return { skip: available || inCi() ? false : reason };
}

/** Inside such a `describe`: fails its tests under CI when the prerequisite is missing. */
export function requireUnderCi(available: boolean, reason: string): void {
  before(() => {
    if (!available) throw new Error(`${reason}; CI must install it (.ci/run)`);
  });
}
