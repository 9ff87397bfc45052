/**
 * Memory RAS from event to repair (docs/ras.md): read the event logs, take the DRAM / General
 * Media record that asks for maintenance, propose the repair that fits it (sPPR, or memory
 * sparing), check what the device says about data and media while it repairs, run it, and show
 * the poison list before and after.
 *   npm run example -- memory_repair --emulate     (an emulated device whose DRAM just failed)
 *   npm run example -- memory_repair mem0          (a real device: it repairs; be sure)
 */
import { dpaOf, emulatorTransport, Type3Device } from '../src/emulator/index.js';
import { Context, type Endpoint, proposeRepair, runRepair } from '../src/index.js';
import { openTarget } from './_target.js';

async function poisonList(ep: Endpoint): Promise<string> {
  const cap = (await ep.memdevIdentify()).total_capacity_bytes ?? 0n;
  const r = await ep.getPoisonList({ get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: cap / 64n });
  return r.records.length === 0
    ? '(empty)'
    : r.records.map((x) => `0x${(x.media_err_addr & ~0x3fn).toString(16)}`).join(', ');
}

export async function main(argv: string[]): Promise<number> {
  const ctx = new Context();
  let device: Type3Device | undefined;
  let ep: Endpoint;
  if (argv[0] === '--emulate') {
    // An uncorrectable error in channel 1, rank 0, bank group 3, bank 1, row 0x12.
    device = new Type3Device();
    const dpa = dpaOf({ channel: 1, rank: 0, bankGroup: 3, bank: 1, row: 0x12, column: 5 });
    device.ras.injectDramError({ dpa, uncorrectable: true, nibbleMask: 0x4 });
    ep = await ctx.openTransport(emulatorTransport(device, { description: 'emulator:type3' }));
  } else {
    [ep] = (await openTarget(ctx, argv)) as [Endpoint];
  }
  try {
    console.log(`Poison list before: ${await poisonList(ep)}`);
    for (const log of [1, 2, 3]) {
      const { records } = await ep.getEventRecords({ event_log: log });
      for (const rec of records) {
        if (rec.event.kind !== 'dram' && rec.event.kind !== 'general_media') continue;
        if (!rec.flags_bits.maintenance_needed) continue;
        const p = await proposeRepair(ep, rec);
        console.log(`Event ${rec.handle} (${rec.event.kind}) asks for maintenance: proposing ${p.summary}`);
        if (p.unsafe.length) {
          console.log(`  Not running it: ${p.unsafe.join('; ')}`);
          continue;
        }
        const done = await runRepair(ep, p, { wait: { intervalMs: 20 } });
        console.log(`  Repaired (${done.background ? 'background operation' : 'immediate'})`);
        await ep.clearEventRecords({ event_log: log, clear_flags: 0, nr_recs: 1, handles: [rec.handle] });
      }
    }
    console.log(`Poison list after: ${await poisonList(ep)}`);
    if (device) {
      // The same DRAM fails again: the spare row is healthy, so nothing is reported.
      const dpa = dpaOf({ channel: 1, rank: 0, bankGroup: 3, bank: 1, row: 0x12, column: 5 });
      const handle = device.ras.injectDramError({ dpa, uncorrectable: true });
      console.log(
        `Same address fails again: ${handle === undefined ? 'no event (repaired)' : `event ${handle}`}`,
      );
    }
  } finally {
    await ctx.close();
  }
  return 0;
}
