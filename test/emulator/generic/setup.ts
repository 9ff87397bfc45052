/** An emulated Type 3 device on a manual clock, opened as an Endpoint. */

import { emulatorTransport } from '../../../src/emulator/link.js';
import { Type3Device, type Type3Options } from '../../../src/emulator/type3.js';
import { Context } from '../../../src/endpoint/context.js';
import type { Endpoint } from '../../../src/endpoint/endpoint.js';
import { CxlmiCommandError } from '../../../src/errors.js';

export interface Rig {
  dev: Type3Device;
  ep: Endpoint;
  /** Moves the device clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function rig(opts: Omit<Type3Options, 'clock'> = {}): Promise<Rig> {
  let now = 0;
  const dev = new Type3Device({ ...opts, clock: () => now });
  const ctx = new Context();
  const ep = await ctx.openTransport(emulatorTransport(dev));
  return {
    dev,
    ep,
    advance(ms) {
      now += ms;
    },
    close: () => ctx.close(),
  };
}

/** The return code a promise rejects with (fails the test if it resolves or throws anything else). */
export async function retcodeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CxlmiCommandError) return e.retcode;
    throw e;
  }
  throw new Error('expected the command to fail');
}
