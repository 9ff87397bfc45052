/**
 * Bulk transfers through the emulator: a 1 MiB LSA read and a 32 MiB firmware transfer, each at the
 * library's default chunking (what the device's message limits allow) and at the largest payload
 * the transport carries, in MB/s.
 */

import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';

export interface BulkResult {
  name: string;
  bytes: number;
  chunk: string;
  ms: number;
  mbPerSec: number;
}

const MiB = 1 << 20;

async function lsaRead(maxMessageLog2: number, label: string): Promise<BulkResult> {
  const ctx = new Context({ probe: false });
  const device = new Type3Device({ lsaSize: MiB, maxMessageSizeLog2: maxMessageLog2 });
  const ep = await ctx.openTransport(emulatorTransport(device));
  if (maxMessageLog2 > 12) await ep.setResponseMsgLimit({ limit: maxMessageLog2 });
  await ep.writeLsa(0, new Uint8Array(MiB).fill(0x5a));
  await ep.readLsa(0, MiB); // warm-up
  const runs = 5;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await ep.readLsa(0, MiB);
  const ms = (performance.now() - t0) / runs;
  await ctx.close();
  return { name: 'LSA read 1 MiB', bytes: MiB, chunk: label, ms, mbPerSec: MiB / 1e6 / (ms / 1000) };
}

async function fwTransfer(maxMessageLog2: number, label: string): Promise<BulkResult> {
  const ctx = new Context({ probe: false });
  const device = new Type3Device({
    maxMessageSizeLog2: maxMessageLog2,
    generic: { firmware: { verifyMsPerMiB: 0, activateMs: 0 } },
  });
  const ep = await ctx.openTransport(emulatorTransport(device));
  const image = new Uint8Array(32 * MiB).fill(0xa5);
  let transferDone = 0;
  const t0 = performance.now();
  await ep.transferFw(image, {
    slot: 2,
    onProgress: (p) => {
      if (p.phase === 'transfer' && p.percent === 100 && !transferDone) transferDone = performance.now();
    },
  });
  const ms = (transferDone || performance.now()) - t0;
  await ctx.close();
  return {
    name: 'FW transfer 32 MiB',
    bytes: image.length,
    chunk: label,
    ms,
    mbPerSec: image.length / 1e6 / (ms / 1000),
  };
}

export async function bulk(): Promise<BulkResult[]> {
  return [
    await lsaRead(12, 'default (4 KiB messages)'),
    await lsaRead(20, 'largest (1 MiB messages)'),
    await fwTransfer(12, 'default (4 KiB messages)'),
    await fwTransfer(20, 'largest (1 MiB messages)'),
  ];
}
