/**
 * Implementation of `cxlmi poison list|inject|clear|scan`: Media and Poison Management (CXL r3.1
 * §8.2.9.9.4).
 */

import { CXL_MEDIA_ERROR_UNIT } from '../../commands/memdev/units.js';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { waitWithBar } from '../background.js';
import { parseHex } from '../hex.js';
import { humanBytes, table } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';
import { parseMultiple } from '../size.js';

/** Media Error Record error source, bits 2:0 of the address (CXL r3.1 Table 8-140). */
const SOURCES = ['unknown', 'external', 'internal', 'injected', '4', '5', '6', 'vendor'];

const line = (what: string, text: string) => parseMultiple(what, text, CXL_MEDIA_ERROR_UNIT, '64 bytes');

/** The range a command covers: --start/--length, or the whole device. */
async function range(
  run: Run,
  ep: Endpoint,
  o: Record<string, unknown>,
): Promise<{ start: bigint; length: bigint }> {
  const start = o.start === undefined ? 0n : line('--start', String(o.start));
  if (o.length !== undefined) return { start, length: line('--length', String(o.length)) };
  const total = (await ep.memdevIdentify(run.call())).total_capacity_bytes ?? 0n;
  return { start, length: total > start ? total - start : 0n };
}

function errorRows(records: { addr: bigint; len: number }[]): string[][] {
  return records.map((r) => [
    `0x${(r.addr & ~0x3fn).toString(16)}`,
    humanBytes(BigInt(r.len) * CXL_MEDIA_ERROR_UNIT),
    SOURCES[Number(r.addr & 7n)],
  ]);
}

export const runList: Action = async (run, targets, o) => {
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const { start, length } = await range(run, ep, o);
      return ep.getPoisonList(
        { get_poison_list_phy_addr: start, get_poison_list_phy_addr_len: length / CXL_MEDIA_ERROR_UNIT },
        run.call(),
      );
    },
    (r) => {
      const rows = errorRows(r.records.map((x) => ({ addr: x.media_err_addr, len: x.media_err_len })));
      const flags = Object.entries(r.poison_list_flags_bits as Record<string, boolean>)
        .filter(([, on]) => on)
        .map(([k]) => `  ${k}`);
      const body = rows.length
        ? table(['DPA', 'LENGTH', 'SOURCE'], rows, run.style.enabled).replace(/^/gm, '  ')
        : '  no poisoned media';
      return [body, ...flags].join('\n');
    },
  );
};

export const runInject: Action = async (run, [dpaText, ...targets]) => {
  const dpa = line('DPA', dpaText);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await run.confirm(
        `inject poison at DPA 0x${dpa.toString(16)} of ${run.label(ep)} (reads there will fail)`,
      );
      await ep.injectPoison({ inject_poison_phy_addr: dpa }, run.call());
      return { dpa };
    },
    {},
    { changes: 'poison inject', sends: 'injectPoison' },
  );
};

export const runClear: Action = async (run, [dpaText, ...targets], o) => {
  const dpa = line('DPA', dpaText);
  const data = o.data === undefined ? new Uint8Array(64) : parseHex(String(o.data));
  if (data.length !== 64) throw new RangeError(`--data must be 64 bytes, got ${data.length}`);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.clearPoison({ clear_poison_phy_addr: dpa, clear_poison_write_data: data }, run.call());
      return { dpa };
    },
    {},
    { changes: 'poison clear', sends: 'clearPoison' },
  );
};

export const runScan: Action = async (run, targets, o) => {
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const { start, length } = await range(run, ep, o);
      const lines = length / CXL_MEDIA_ERROR_UNIT;
      const caps = await ep.getScanMediaCapabilities(
        {
          get_scan_media_capabilities_start_physaddr: start,
          get_scan_media_capabilities_physaddr_length: lines,
        },
        run.call(),
      );
      const started = await ep.scanMedia(
        {
          scan_media_physaddr: start,
          scan_media_physaddr_length: lines,
          scan_media_flags: o.events === false ? 1 : 0,
        },
        run.call(),
      );
      if (started.background) await waitWithBar(run, ep, 'memdev_scan_media', 'scan media');
      const results = await ep.getScanMediaResults(run.call());
      return { estimated_scan_media_time: caps.estimated_scan_media_time, ...results };
    },
    (r) => {
      const rows = errorRows(
        r.record.map((x) => ({ addr: x.media_error_address, len: x.media_error_length })),
      );
      return rows.length
        ? table(['DPA', 'LENGTH', 'SOURCE'], rows, run.style.enabled).replace(/^/gm, '  ')
        : '  no media errors found';
    },
  );
};
