/** Every guest check, in the order they run. */
import type { Check } from './check.js';
import { cliChecks } from './cli-checks.js';
import { compatChecks } from './compat-checks.js';
import { identifyChecks } from './identify-checks.js';
import type { LabConfig } from './lab-config.js';
import { logChecks } from './log-checks.js';
import { lsaChecks } from './lsa-checks.js';
import { mediaChecks } from './media-checks.js';
import { rasChecks } from './ras-checks.js';
import { refusalChecks } from './refusal-checks.js';

export const allChecks: readonly Check[] = [
  ...identifyChecks,
  ...logChecks,
  ...mediaChecks,
  ...lsaChecks,
  ...refusalChecks,
  ...rasChecks,
  ...compatChecks,
  ...cliChecks,
];

/** Name of the check the runner adds after closing the context. */
export const NO_LEAK_CHECK = 'ctx.close() closes every /dev/cxl descriptor the suite opened';

/** The names the guest must report for this configuration, in order. */
export function expectedCheckNames(cfg: LabConfig): string[] {
  return [...allChecks.filter((c) => c.when?.(cfg) ?? true).map((c) => c.name), NO_LEAK_CHECK];
}

/** Prefix of the report lines the guest prints, one JSON object per check. */
export const REPORT_PREFIX = 'LAB-CHECK ';

export interface CheckReport {
  name: string;
  ok: boolean;
  ms: number;
  details?: unknown;
  error?: { name: string; message: string; stack?: string };
}
