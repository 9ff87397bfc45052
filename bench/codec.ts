/** Per-command library overhead: encode the request and decode the response, no transport. */
import type { Bench } from 'tinybench';
import type { AnyCommand } from '../src/commands/define.js';
import { commandsByName } from '../src/commands/table.js';

export interface CodecCase {
  name: string;
  command: string;
  request?: unknown;
  /** A response payload as a device would send it. */
  response: Uint8Array;
}

/** Results land here so the optimiser cannot drop the work being measured. */
export const sink = { bytes: 0, objects: 0 };

/** Adds one task per case: encodeRequest + response.decode, as Endpoint.send does. */
export function addCodecCases(bench: Bench, cases: CodecCase[]): void {
  for (const c of cases) {
    const cmd = commandsByName.get(c.command) as AnyCommand;
    if (!cmd) throw new Error(`unknown command ${c.command}`);
    const rsp = cmd.response;
    const req = c.request;
    bench.add(`codec: ${c.name}`, () => {
      const p = cmd.encodeRequest(req as never);
      const v = rsp ? (rsp.decode(c.response, cmd.name) as object) : undefined;
      sink.bytes += p.length;
      if (v) sink.objects++;
    });
  }
}
