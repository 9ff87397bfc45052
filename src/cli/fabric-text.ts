/** FM-API codes for tables and the fabric tree: the library's name maps (src/names.ts). */
import { bitmaskIds } from '../endpoint/fabric.js';

export {
  CONNECTED_DEVICE_TYPE_NAMES as DEVICE_TYPE,
  codeName as nameOf,
  PORT_CONFIG_STATE_NAMES as PORT_STATE,
  VCS_STATE_NAMES as VCS_STATE,
  VPPB_BINDING_STATUS_NAMES as BINDING,
} from '../names.js';

/** "0-4" / "1, 3, 7" for the ids set in a bitmask. */
export function idList(mask: Uint8Array): string {
  const ids = bitmaskIds(mask);
  if (ids.length === 0) return 'none';
  const contiguous = ids.every((v, i) => i === 0 || v === ids[i - 1] + 1);
  return contiguous && ids.length > 2 ? `${ids[0]}-${ids[ids.length - 1]}` : ids.join(', ');
}
