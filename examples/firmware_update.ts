/**
 * Firmware update with a progress bar, then event-log draining:
 *   npm run example -- firmware_update --emulate
 *   npm run example -- firmware_update mem0 --image fw.bin [--slot 2]
 * Against a real device nothing is written unless --image names a package.
 */
import { readFile } from 'node:fs/promises';
import type { Endpoint, EventData } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { emulatorTransport, Type3Device } from 'cxlmi/emulator';
import { openTarget } from './_target.js';

const LOG_NAMES = ['Informational', 'Warning', 'Failure', 'Fatal', 'Dynamic Capacity'];

function bar(label: string, percent: number): void {
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  process.stdout.write(
    `\r  ${label.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`,
  );
}

async function showFwInfo(ep: Endpoint): Promise<{ active: number; slots: number; online: boolean }> {
  const info = await ep.getFwInfo();
  const revs = [info.fw_rev1, info.fw_rev2, info.fw_rev3, info.fw_rev4];
  console.log(
    `Firmware: ${info.slots_supported} slots, active ${info.slot_info_bits.active_slot}, staged ${info.slot_info_bits.staged_slot || '-'}`,
  );
  for (let i = 0; i < info.slots_supported; i++)
    console.log(`  Slot ${i + 1} FW Revision: ${revs[i] || '(empty)'}`);
  return {
    active: info.slot_info_bits.active_slot,
    slots: info.slots_supported,
    online: info.caps_bits.online_activation,
  };
}

async function update(ep: Endpoint, image: Uint8Array, slotArg: number | undefined): Promise<void> {
  const fw = await showFwInfo(ep);
  const slot = slotArg ?? (fw.active % fw.slots) + 1;
  console.log(`Transferring ${image.length} bytes to slot ${slot}:`);
  let phase = '';
  await ep.transferFw(image, {
    slot,
    onProgress: (p) => {
      if (p.phase !== phase && phase) process.stdout.write('\n');
      phase = p.phase;
      bar(p.phase, p.percent);
    },
  });
  bar('verify', 100);
  process.stdout.write('\n');
  if (fw.online) {
    const r = await ep.activateFw({ action: 0, slot });
    if (r.background) {
      const done = await ep.waitForBackgroundOperation({ onProgress: (p) => bar('activate', p.percent) });
      bar('activate', done.percent);
      process.stdout.write('\n');
      if (!done.ok) throw new Error(`activation ended with ${done.returncodeName}`);
    }
    console.log(`Activated slot ${slot}`);
  } else {
    await ep.activateFw({ action: 1, slot });
    console.log(`Slot ${slot} staged: it becomes active on the next reset`);
  }
  await showFwInfo(ep);
}

function describe(e: EventData): string {
  switch (e.kind) {
    case 'general_media':
    case 'dram':
      return `${e.kind} DPA 0x${(e.phys_addr & ~0x3fn).toString(16)} type ${e.type}${e.descriptor_bits.uncorrectable_event ? ' uncorrectable' : ''}`;
    case 'memory_module':
      return `memory_module type ${e.event_type} life used ${e.life_used}% temperature ${e.device_temperature} C`;
    case 'dynamic_capacity':
      return `dynamic_capacity type ${e.event_type} extent 0x${e.extent.start_dpa.toString(16)}+0x${e.extent.length.toString(16)}`;
    case 'unknown':
      return `vendor record (${e.data.length} bytes)`;
    default:
      return e.kind;
  }
}

/** Reads and clears every event log until each is empty. */
async function drainEvents(ep: Endpoint): Promise<number> {
  let total = 0;
  for (let log = 0; log < LOG_NAMES.length; log++) {
    for (;;) {
      const req = cxlmi.cxlmi_cmd_get_event_records_req();
      req.event_log = log;
      const rsp = await ep.getEventRecords(req);
      if (rsp.flags_bits.overflow) {
        console.log(`  ${LOG_NAMES[log]} log overflowed: ${rsp.overflow_err_count} events lost`);
      }
      if (rsp.record_count === 0) break;
      for (const r of rsp.records) {
        console.log(`  [${LOG_NAMES[log]}] #${r.handle} ${describe(r.event)}`);
      }
      const handles = rsp.records.map((r) => r.handle);
      await ep.clearEventRecords({ event_log: log, clear_flags: 0, nr_recs: handles.length, handles });
      total += handles.length;
      if (!rsp.flags_bits.more_records) break;
    }
  }
  return total;
}

/** A few events of different kinds, so the emulated device has something to drain. */
function seedEvents(dev: Type3Device): void {
  const ev = dev.generic.events;
  const media = { phys_addr: 0x40001000n, descriptor: 1, transaction_type: 1, validity_flags: 3, channel: 1 };
  ev.inject('general_media', media, { log: 1, flags: 0x09 });
  ev.inject(
    'dram',
    { ...media, type: 1, bank_group: 1, bank: 2, row: 0x1234, column: 0x40 },
    { log: 2, flags: 0x02 },
  );
  ev.inject('memory_module', {
    event_type: 3,
    life_used: 3,
    device_temperature: 48,
    corrected_volatile_error_count: 1,
  });
}

export async function main(argv: string[]): Promise<number> {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const slotArg = opt('--slot') === undefined ? undefined : Number(opt('--slot'));
  const imagePath = opt('--image');
  const emulate = argv[0] === '--emulate';
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    let eps: Endpoint[];
    if (emulate) {
      const dev = new Type3Device();
      seedEvents(dev);
      eps = [await ctx.openTransport(emulatorTransport(dev, { description: 'emulator:type3' }))];
    } else {
      eps = await openTarget(
        ctx,
        argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')),
      );
    }
    let image: Uint8Array | undefined;
    if (imagePath) image = new Uint8Array(await readFile(imagePath));
    else if (emulate) {
      image = new Uint8Array(192 * 1024).map((_, i) => (i * 31) & 0xff);
      image.set(new TextEncoder().encode('cxlmi-demo 2.0\0'));
    }
    for (const ep of eps) {
      console.log(`== ${ep.description}`);
      if (image) await update(ep, image, slotArg);
      else {
        await showFwInfo(ep);
        console.log('No --image given: firmware left as it is.');
      }
      console.log('Draining event logs:');
      const n = await drainEvents(ep);
      console.log(`Drained ${n} event record(s)`);
    }
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
