/**
 * `cxlmi dcd …`: Dynamic Capacity. Host side: config, extents (CXL r3.1 §8.2.9.9.9), add-response,
 * release (dcd-host.ts). Fabric manager side, FM-API DCD Management (dcd-fm-*.ts).
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { registerDcdFmCapacity } from './dcd-fm-capacity.js';
import { registerDcdFmInfo } from './dcd-fm-info.js';
import { registerDcdHost } from './dcd-host.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerDcd(program: Command, wrap: Wrap): void {
  const dcd = program
    .command('dcd')
    .description('dynamic capacity: regions and extents of a DCD, from the host or the fabric manager');
  examples(
    dcd,
    'cxlmi --emulate=fabric dcd config',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M   # the fabric manager offers',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M   # the host accepts',
    'cxlmi dcd extents emu:fabric.sock#mhd0',
  );

  examples(
    dcd
      .command('config')
      .description('dynamic capacity regions (Get Dynamic Capacity Configuration)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric dcd config',
    'cxlmi dcd config emu:fabric.sock#mhd0 --json',
  ).action(wrap(() => import('../actions/dcd.js').then((m) => m.runConfig)));

  examples(
    dcd
      .command('extents')
      .description('the extents the device has given the host')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric dcd extents',
    'cxlmi dcd extents emu:fabric.sock#mhd0 --json',
  ).action(wrap(() => import('../actions/dcd.js').then((m) => m.runExtents)));

  registerDcdHost(dcd, wrap);
  registerDcdFmInfo(dcd, wrap);
  registerDcdFmCapacity(dcd, wrap);
}
