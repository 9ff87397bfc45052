/** Units the Memory Device commands use on the wire. */
import { scaled, u64 } from '../../protocol/layout/index.js';

/** Capacities are multiples of 256 MiB (CXL r3.1 §8.2.9.9.1.1, libcxlmi's CXL_CAPACITY_MULTIPLIER). */
export const CXL_CAPACITY_MULTIPLIER = 256n * 1024n * 1024n;
/** Poison and scan-media lengths are counted in 64-byte cache lines (CXL r3.1 §8.2.9.9.4). */
export const CXL_MEDIA_ERROR_UNIT = 64n;

/** A 64-bit capacity in 256 MiB units, also decoded in bytes as `<field>_bytes`. */
export const capacity = scaled(u64, CXL_CAPACITY_MULTIPLIER);
