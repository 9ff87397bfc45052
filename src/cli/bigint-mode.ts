/** `--bigint`: how 64-bit values are written in --json output. */

/**
 * How 64-bit values are written: `number` (default) as exact JSON numbers; `string` as decimal
 * strings, which survive tools that read every number as a double (`JSON.parse`, jq 1.6).
 */
export type BigintMode = 'number' | 'string';
export const BIGINT_MODES: readonly BigintMode[] = ['number', 'string'];
