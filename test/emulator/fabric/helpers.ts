/** Opens endpoints on a fresh default fabric with a manual clock. */
import { defaultFabric, type Fabric } from '../../../src/emulator/fabric/index.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { Context } from '../../../src/endpoint/context.js';
import type { Endpoint } from '../../../src/endpoint/endpoint.js';

export interface Lab {
  fabric: Fabric;
  ctx: Context;
  open(name: string): Promise<Endpoint>;
  tick(ms: number): void;
}

export function lab(opts: { bindDurationMs?: number } = {}): Lab {
  let now = 0;
  const fabric = defaultFabric({ clock: () => now, bindDurationMs: opts.bindDurationMs });
  const ctx = new Context({ log: () => {} });
  return {
    fabric,
    ctx,
    open: (name) => {
      const c = fabric.cci(name);
      return ctx.openTransport(
        emulatorTransport(c.device, { fmapi: c.fmapi, description: `emulator:${name}` }),
      );
    },
    tick: (ms) => {
      now += ms;
    },
  };
}
