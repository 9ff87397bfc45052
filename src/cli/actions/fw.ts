/**
 * Implementation of `cxlmi fw info|update|activate`: the Firmware Update command set (CXL r3.1
 * §8.2.9.3).
 */

import { readFile } from 'node:fs/promises';
import { FW_ACTIVATE_ON_RESET, FW_ACTIVATE_ONLINE } from '../../commands/generic/firmware.js';
import { checkBackgroundResult } from '../../endpoint/background-wait.js';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiAbortError, CxlmiUsageError } from '../../errors.js';
import { atBoundary } from '../boundary.js';
import { parseNumber } from '../hex.js';
import { sizeText } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

/** `fw update`'s summary: the package size in human units with the exact count. */
const UPDATE_TEXT = { format: { bytes: (v: number) => sizeText(v) } };

/** Activate FW, waiting for a background activation; resolves with how it was activated. */
async function activate(
  run: Run,
  ep: Endpoint,
  slot: number,
  online: boolean,
): Promise<'online' | 'on_reset'> {
  const r = await ep.activateFw(
    { action: online ? FW_ACTIVATE_ONLINE : FW_ACTIVATE_ON_RESET, slot },
    run.call(),
  );
  if (r.background) {
    const bar = run.progress({ title: `activating slot ${slot}`, total: 100, unit: 'percent' });
    try {
      // Activation cannot be interrupted safely: Ctrl-C is not passed on; the second press quits.
      const done = await ep.waitForBackgroundOperation({
        ...run.call(),
        onProgress: (p) => bar.update(p.percent),
      });
      bar.update(100);
      checkBackgroundResult('activate_fw', done);
    } finally {
      bar.stop();
    }
  }
  return online ? 'online' : 'on_reset';
}

export const runInfo: Action = async (run, targets) =>
  void (await perEndpoint(run, targets, (ep) => ep.getFwInfo(run.call())));

export const runUpdate: Action = async (run, [file, ...targets], o) => {
  const image = new Uint8Array(
    await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new CxlmiUsageError(`cannot read ${file}: ${e.code ?? e.message}`);
    }),
  );
  if (image.length === 0) throw new CxlmiUsageError(`${file} is empty`);
  const slotArg = o.slot === undefined ? undefined : parseNumber('--slot', String(o.slot), 4);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const info = await ep.getFwInfo(run.call());
      const active = info.slot_info_bits.active_slot;
      const slot = slotArg ?? (active % info.slots_supported) + 1;
      if (slot === active)
        throw new CxlmiUsageError(`slot ${slot} is the active slot; pick another with --slot`);
      if (o.activate) await run.confirm(`write ${file} to slot ${slot} of ${run.label(ep)} and activate it`);
      const bar = run.progress({ title: `firmware → slot ${slot}`, total: image.length, unit: 'bytes' });
      const boundary = atBoundary(run.signal);
      let result: Awaited<ReturnType<typeof ep.transferFw>>;
      let verifying = false;
      try {
        result = await ep.transferFw(image, {
          ...run.call(),
          slot,
          signal: boundary.signal,
          onProgress: (p) => {
            if (p.phase === 'transfer' || p.done < p.total) {
              // Sending parts, or waiting while the device takes one in: between two commands.
              if (!verifying) bar.update(p.done);
              boundary.reached();
              return;
            }
            if (!verifying) {
              // Every part is sent; the device checks the package in the background. Only
              // waiting is left, so Ctrl-C stops at once.
              verifying = true;
              bar.phase({ title: `verifying… slot ${slot}`, total: 100, unit: 'percent' });
              boundary.onlyWaiting();
            }
            bar.update(p.percent);
          },
        });
        bar.update(verifying ? 100 : image.length);
      } catch (e) {
        if (verifying && e instanceof CxlmiAbortError) {
          throw new CxlmiAbortError(
            e.opcode,
            `stopped waiting; ${run.label(ep)} goes on verifying the package for slot ${slot} (see fw info)`,
          );
        }
        throw e;
      } finally {
        boundary.dispose();
        bar.stop();
      }
      const activated = o.activate ? await activate(run, ep, slot, info.caps_bits.online_activation) : 'no';
      return { slot, bytes: image.length, parts: result.parts, activated };
    },
    UPDATE_TEXT,
    { changes: 'fw update', sends: 'transferFwPart' },
  );
};

export const runActivate: Action = async (run, [slotText, ...targets], o) => {
  const slot = parseNumber('slot', slotText, 4);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await run.confirm(
        `activate firmware slot ${slot} of ${run.label(ep)}${o.onReset ? ' on the next reset' : ''}`,
      );
      return { slot, activated: await activate(run, ep, slot, !o.onReset) };
    },
    {},
    { changes: 'fw activate', sends: 'activateFw' },
  );
};
