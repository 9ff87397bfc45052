/** The shape of one guest check and what every check receives. */
import type { Context, Endpoint } from '../../../src/index.js';
import type { LabConfig } from './lab-config.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CheckEnv {
  cfg: LabConfig;
  ctx: Context;
  /** mem0, opened with `ctx.open('mem0')`. */
  ep: Endpoint;
  /** Runs the cxlmi command line (src/cli/main.js) as its own process in the guest. */
  cli(argv: string[]): Promise<CliResult>;
  /** The bytes the lab wrote into the LSA backing file before boot. */
  lsaPattern(offset: number, length: number): Uint8Array;
}

export interface Check {
  name: string;
  /** Runs only when this says so (default: always). */
  when?: (cfg: LabConfig) => boolean;
  /** Throws (an assertion) when the check fails; may return details for the report. */
  run(env: CheckEnv): Promise<unknown>;
}

export const pmemBound = (cfg: LabConfig): boolean => cfg.pmemBound;
export const series61 = (cfg: LabConfig): boolean => cfg.pmemBound && cfg.series === '6.1';
export const series612 = (cfg: LabConfig): boolean => cfg.pmemBound && cfg.series === '6.12';
