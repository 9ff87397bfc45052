/** Every request and response layout of the command table, once each, with the commands using it. */

import type { AnyCommand } from '../../src/commands/define.js';
import { commandTable } from '../../src/commands/table.js';
import type { StructLayout } from '../../src/protocol/layout/index.js';

export interface TableLayout {
  readonly layout: StructLayout;
  /** `4100h Get Partition Info response`, for messages. */
  readonly uses: string[];
}

export function tableLayouts(): TableLayout[] {
  const byLayout = new Map<StructLayout, TableLayout>();
  for (const c of commandTable as readonly AnyCommand[]) {
    for (const [dir, l] of [
      ['request', c.request],
      ['response', c.response],
    ] as const) {
      if (l === null) continue;
      const use = `${c.opcode.toString(16).padStart(4, '0')}h ${c.title} ${dir}`;
      const seen = byLayout.get(l);
      if (seen) seen.uses.push(use);
      else byLayout.set(l, { layout: l, uses: [use] });
    }
  }
  return [...byLayout.values()];
}
