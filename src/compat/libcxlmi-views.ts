/**
 * Where a compat structure must read as libcxlmi's does, beyond the layouts' names:
 *
 * - **Units.** libcxlmi multiplies a few 256 MiB-unit fields by CXL_CAPACITY_MULTIPLIER as it
 *   decodes them, so under its names they hold **bytes**: `total_dynamic_capacity` of Get DCD Info
 *   (5600h), `decode_len` of Get Host DC Region Configuration (5601h) and of Get Dynamic Capacity
 *   Configuration (4800h) (libcxlmi src/cxlmi/commands.c). The native API keeps the spec's units
 *   under those names with bytes in `<name>_bytes`; the compat functions give libcxlmi's meaning, so
 *   a ported script reads the same number as before.
 * - **Old names.** The reference's SWIG-era headers spelled `ingress_port_id` as `ingres_port_id`
 *   (its binding tests still do); compat structures accept both.
 */
import { CXL_CAPACITY_MULTIPLIER } from '../commands/memdev/units.js';

/** Per compat function: the response fields libcxlmi reports in bytes (`list[].field` for entries). */
export const LIBCXLMI_BYTE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  cxlmi_cmd_fmapi_get_dcd_info: ['total_dynamic_capacity'],
  cxlmi_cmd_fmapi_get_dc_reg_config: ['region_configs[].decode_len'],
  cxlmi_cmd_memdev_get_dc_config: ['region_configs[].decode_len'],
};

/** Old spellings accepted on compat structures: alias → the field it reads and writes. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = { ingres_port_id: 'ingress_port_id' };

type Obj = Record<string, unknown>;

function toBytes(holder: Obj, field: string): void {
  const bytes = holder[`${field}_bytes`];
  const units = holder[field];
  if (typeof bytes === 'bigint') holder[field] = bytes;
  else if (typeof units === 'bigint') holder[field] = units * CXL_CAPACITY_MULTIPLIER;
}

/** Rewrites a decoded response of `compatName` so libcxlmi's byte fields hold bytes. */
export function libcxlmiUnits(compatName: string, result: Obj): Obj {
  for (const path of LIBCXLMI_BYTE_FIELDS[compatName] ?? []) {
    const m = /^(\w+)\[\]\.(\w+)$/.exec(path);
    if (!m) toBytes(result, path);
    else for (const entry of (result[m[1]] as Obj[] | undefined) ?? []) toBytes(entry, m[2]);
  }
  return result;
}

/** Adds the old-name accessors (not enumerable: JSON and Object.keys show the current names). */
export function withAliases<T>(value: T): T {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  const o = value as Obj;
  for (const [alias, field] of Object.entries(FIELD_ALIASES)) {
    if (field in o && !(alias in o)) {
      Object.defineProperty(o, alias, {
        get: () => o[field],
        set: (v: unknown) => {
          o[field] = v;
        },
        enumerable: false,
        configurable: true,
      });
    }
  }
  for (const v of Object.values(o)) {
    if (Array.isArray(v)) for (const x of v) withAliases(x);
    else if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) withAliases(v);
  }
  return value;
}

/** The compat type of a structure: the old spellings are there too. */
export type WithAliases<T> = T extends { ingress_port_id: infer P } ? T & { ingres_port_id: P } : T;
