/**
 * Implementation of `cxlmi caps [targets…]`: which commands reach the device, and how, through
 * each target.
 */

import type { AnyCommand } from '../../commands/define.js';
import { commandTable } from '../../commands/table.js';
import type { Endpoint } from '../../endpoint/endpoint.js';
import type { KernelCommandEntry } from '../../transport/mailbox/kernel-command-set.js';
import { MailboxTransport } from '../../transport/mailbox/mailbox-transport.js';
import { hex, keyValues, table } from '../output.js';
import type { Action } from '../program.js';

function state(k: KernelCommandEntry): string {
  if (k.enabled === undefined) return 'listed (this kernel does not say whether the device has it)';
  if (!k.enabled) return 'not offered by the device';
  return k.exclusive ? 'kernel-exclusive now (EBUSY)' : 'enabled';
}

const size = (n: number | undefined): string => (n === undefined ? 'var' : String(n));

/** What one mailbox endpoint lets through: the kernel's list and the route of every cxlmi command. */
export function mailboxCaps(ep: Endpoint, t: MailboxTransport) {
  const k = t.commands;
  return {
    endpoint: ep.description,
    transport: t.kind,
    payload_max: t.maxPayload,
    raw_commands: k.rawBuiltIn ? 'built in' : 'disabled (CONFIG_CXL_MEM_RAW_COMMANDS off)',
    kernel_reports_flags: k.reportsFlags,
    kernel_commands: k.commands.map((c) => ({
      id: c.id,
      name: c.name,
      opcode: c.opcode,
      size_in: c.sizeIn ?? null,
      size_out: c.sizeOut ?? null,
      enabled: c.enabled ?? null,
      exclusive: c.exclusive ?? null,
      state: state(c),
    })),
    unknown_kernel_ids: [...k.unknownIds],
    commands: (commandTable as readonly AnyCommand[]).map((c) => {
      const r = k.route(c.opcode);
      return {
        name: c.name,
        opcode: c.opcode,
        route: r.kind === 'kernel' ? `kernel id ${r.command.id} (${r.command.name})` : 'raw',
        passes:
          r.kind === 'kernel'
            ? r.command.enabled !== false && r.command.exclusive !== true
            : r.refusal === undefined,
        note:
          r.kind === 'kernel'
            ? state(r.command)
            : (r.refusal ?? 'raw command (lockdown may still refuse it)'),
      };
    }),
  };
}

export const runCaps: Action = async (run, targets, cmdOpts) => {
  const eps = await run.endpoints(targets);
  const reports = eps.map((ep) =>
    ep.transport instanceof MailboxTransport
      ? mailboxCaps(ep, ep.transport)
      : {
          endpoint: ep.description,
          transport: ep.transport.kind,
          note: 'every opcode goes to the device as it is; the device answers Unsupported for what it lacks',
        },
  );
  if (run.opts.json) {
    run.out(run.json(reports.length === 1 ? reports[0] : reports));
    return;
  }
  for (const r of reports) {
    run.out(`${r.endpoint} (${r.transport})`);
    if (!('commands' in r)) {
      run.out(`  ${r.note}`);
      continue;
    }
    run.out(
      keyValues([
        ['  Mailbox payload', `${r.payload_max} bytes`],
        ['  Raw commands', r.raw_commands],
        [
          '  Kernel reports device support',
          r.kernel_reports_flags ? 'yes' : 'no (older kernel: try, and read ENOTTY)',
        ],
      ]),
    );
    run.out('');
    run.out(
      table(
        ['KERNEL ID', 'NAME', 'OPCODE', 'IN', 'OUT', 'STATE'],
        r.kernel_commands.map((c) => [
          String(c.id),
          c.name,
          hex(c.opcode, 4),
          size(c.size_in ?? undefined),
          size(c.size_out ?? undefined),
          c.state,
        ]),
      ),
    );
    run.out('');
    const shown = cmdOpts.all ? r.commands : r.commands.filter((c) => c.passes);
    run.out(
      cmdOpts.all
        ? 'cxlmi commands through this kernel:'
        : `cxlmi commands that pass (${shown.length} of ${r.commands.length}; --all for every one):`,
    );
    run.out(
      table(
        ['COMMAND', 'OPCODE', 'ROUTE', 'NOTE'],
        shown.map((c) => [c.name, hex(c.opcode, 4), c.route, c.note]),
      ),
    );
  }
};
