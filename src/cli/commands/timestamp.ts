/** `cxlmi timestamp [get]` / `cxlmi timestamp set [TIME]`: Get/Set Timestamp (0300h/0301h). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerTimestamp(program: Command, wrap: Wrap): void {
  const group = program.command('timestamp').description("read or set the device's clock");
  examples(group, 'cxlmi --emulate timestamp', 'cxlmi timestamp set now emu:lab.sock');

  examples(
    group
      .command('get', { isDefault: true })
      .description('show the device timestamp (nanoseconds since 1970-01-01 UTC)')
      .argument(...TARGETS),
    'cxlmi --emulate timestamp get',
    'cxlmi timestamp get emu:lab.sock --json',
  ).action(wrap(() => import('../actions/timestamp.js').then((m) => m.runGet)));

  examples(
    group
      .command('set')
      .description('set the device timestamp')
      .argument('<time>', 'now, an ISO date/time (2025-01-31T12:00:00Z) or nanoseconds since the epoch')
      .argument(...TARGETS),
    'cxlmi --emulate timestamp set now',
    'cxlmi timestamp set 2025-01-31T12:00:00Z emu:lab.sock',
  ).action(wrap(() => import('../actions/timestamp.js').then((m) => m.runSet)));
}
