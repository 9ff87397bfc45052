/**
 * Whole-stack calls: the floor (a bare promise round trip), the library alone over a canned-reply
 * transport, and the same through the emulator (Endpoint methods and the compat function).
 */
import type { Bench } from 'tinybench';
import { COMPONENT_STATE_DUMP_LOG_UUID } from '../src/commands/generic/logs.js';
import { cxlmi_cmd_identify } from '../src/compat/index.js';
import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';
import type { Endpoint } from '../src/endpoint/endpoint.js';
import { cannedReply, cannedTransport, IDENTIFY_PAYLOAD } from './canned.js';

const RESOLVED = Promise.resolve();
const pass = <T>(v: T) => v;

/** A promise settled by one microtask hop: the least any async call costs its caller. */
export const barePromise = () => RESOLVED.then(pass);

export interface Stack {
  canned: Endpoint;
  emulator: Endpoint;
  /** Emulated device with a 1 MiB Component State Dump log and 1 MiB messages. */
  bigLog: Endpoint;
  close(): Promise<void>;
}

export const MiB = 1 << 20;

export async function openStack(): Promise<Stack> {
  const ctx = new Context({ probe: false });
  const canned = await ctx.openTransport(cannedTransport(cannedReply(0x0001, IDENTIFY_PAYLOAD)));
  const emulator = await ctx.openTransport(emulatorTransport(new Type3Device()));
  const dev = new Type3Device({ maxMessageSizeLog2: 20 });
  dev.generic.logs.setStateDump(Uint8Array.from({ length: MiB }, (_, i) => i & 0xff));
  const bigLog = await ctx.openTransport(emulatorTransport(dev));
  await bigLog.setResponseMsgLimit({ limit: 20 });
  return { canned, emulator, bigLog, close: () => ctx.close() };
}

export const getLog1MiB = (ep: Endpoint) =>
  ep.getLogPart({ uuid: COMPONENT_STATE_DUMP_LOG_UUID, offset: 0, length: MiB });

export function addStackCases(bench: Bench, s: Stack): void {
  bench.add('floor: bare promise round trip', () => barePromise());
  bench.add('stack: identify via canned-reply transport (library alone)', () => s.canned.identify());
  bench.add('stack: identify via emulator', () => s.emulator.identify());
  const out = cxlmi_cmd_identify();
  bench.add('stack: compat cxlmi_cmd_identify via emulator', () => cxlmi_cmd_identify(s.emulator, null, out));
  bench.add('stack: get_health_info via emulator', () => s.emulator.getHealthInfo());
  bench.add('stack: set_timestamp via emulator', () => s.emulator.setTimestamp({ timestamp: 1n }));
  bench.add('stack: get_log 1 MiB via emulator', () => getLog1MiB(s.bigLog));
}
