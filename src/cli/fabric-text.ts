/** Names for FM-API codes (CXL r3.1 §7.6.7), for tables and the fabric tree. */
import { bitmaskIds } from '../endpoint/fabric.js';

/** Current Port Configuration State (Table 7-19). */
export const PORT_STATE = ['disabled', 'bind in progress', 'unbind in progress', 'DSP', 'USP', 'fabric link'];
/** Connected Device Type (Table 7-19). */
export const DEVICE_TYPE = ['none', 'PCIe', 'CXL Type 1', 'CXL Type 2', 'Type 3 SLD', 'Type 3 MLD'];
/** vPPB Binding Status (Table 7-27). */
export const BINDING = ['unbound', 'binding in progress', 'bound to a port', 'bound to an LD'];

export const nameOf = (names: string[], v: number) => names[v] ?? `0x${v.toString(16)}`;

/** "0-4" / "1, 3, 7" for the ids set in a bitmask. */
export function idList(mask: Uint8Array): string {
  const ids = bitmaskIds(mask);
  if (ids.length === 0) return 'none';
  const contiguous = ids.every((v, i) => i === 0 || v === ids[i - 1] + 1);
  return contiguous && ids.length > 2 ? `${ids[0]}-${ids[ids.length - 1]}` : ids.join(', ');
}
