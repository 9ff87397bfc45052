/**
 * Tunnel descriptors: where a command goes beyond the endpoint's own CCI (CXL r3.1 §7.6.7.3.1,
 * Tunnel Management Command). `null` means the endpoint itself.
 */
export interface TunnelInfo {
  /** Switch downstream port for the outer tunnel, or -1. */
  readonly port: number;
  /** Logical device within an MLD, or -1. */
  readonly ld: number;
  /** 1 or 2 levels of tunneling. */
  readonly level: 1 | 2;
  /** Tunnel to the LD-pool CCI of a multi-headed device. */
  readonly mhd: boolean;
}

function checkId(what: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max)
    throw new RangeError(`${what} must be an integer from 0 to ${max}`);
  return v;
}

/** To LD `ld` of the MLD this endpoint is (its FM-owned LD tunnels the command). */
export function tunnelMld(ld: number): TunnelInfo {
  return Object.freeze({ port: -1, ld: checkId('LD id', ld, 0xffff), level: 1, mhd: false });
}
/** Through this switch to the device on downstream port `port`. */
export function tunnelSwitch(port: number): TunnelInfo {
  return Object.freeze({ port: checkId('port', port, 0xff), ld: -1, level: 1, mhd: false });
}
/** Through this switch's port `port` to LD `ld` of the MLD there (two levels). */
export function tunnelSwitchMld(port: number, ld: number): TunnelInfo {
  return Object.freeze({
    port: checkId('port', port, 0xff),
    ld: checkId('LD id', ld, 0xffff),
    level: 2,
    mhd: false,
  });
}
/** To the LD-pool CCI of this multi-headed device. */
export function tunnelMhd(): TunnelInfo {
  return Object.freeze({ port: -1, ld: -1, level: 1, mhd: true });
}

export function describeTunnel(t: TunnelInfo | null | undefined): string {
  if (!t) return 'direct';
  if (t.mhd) return 'mhd';
  if (t.level === 2) return `port ${t.port} → ld ${t.ld}`;
  return t.port >= 0 ? `port ${t.port}` : `ld ${t.ld}`;
}
