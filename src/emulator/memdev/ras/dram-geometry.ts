/**
 * How the emulated device lays its DPA space over DRAM: which channel, rank, bank group, bank,
 * row and column hold a 64-byte line. The layout is the emulator's own (a real device's is its
 * vendor's); it only has to be a bijection so repairs and events agree on addresses.
 *
 *   line = dpa >> 6:  column = bits 6:0 (128 lines, an 8 KiB row), channel = bit 7,
 *   bank = bits 9:8, bank group = bits 12:10, rank = bit 13, row = bits 37:14
 */
export interface DramLocation {
  channel: number;
  rank: number;
  bankGroup: number;
  bank: number;
  row: number;
  column: number;
}

export const COLUMNS_PER_ROW = 128;

export function locate(dpa: bigint): DramLocation {
  const line = dpa >> 6n;
  return {
    column: Number(line & 0x7fn),
    channel: Number((line >> 7n) & 1n),
    bank: Number((line >> 8n) & 3n),
    bankGroup: Number((line >> 10n) & 7n),
    rank: Number((line >> 13n) & 1n),
    row: Number((line >> 14n) & 0xffffffn),
  };
}

export function dpaOf(l: DramLocation): bigint {
  const line =
    BigInt(l.column) |
    (BigInt(l.channel) << 7n) |
    (BigInt(l.bank) << 8n) |
    (BigInt(l.bankGroup) << 10n) |
    (BigInt(l.rank) << 13n) |
    (BigInt(l.row) << 14n);
  return line << 6n;
}

/** What a repair replaces: every field given must match (absent = any). */
export type RepairScope = Partial<DramLocation> & { channel: number; rank: number };

export function inScope(scope: RepairScope, l: DramLocation): boolean {
  for (const k of Object.keys(scope) as (keyof DramLocation)[]) {
    const v = scope[k];
    if (v !== undefined && l[k] !== v) return false;
  }
  return true;
}
