/** The reference's context, endpoint, iteration and tunnel functions. */
import { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { LogSink, Writable } from '../endpoint/log.js';
import { cxlmi_cmd_retcode_tostr } from '../protocol/retcodes.js';
import {
  type TunnelInfo,
  tunnelMhd,
  tunnelMld,
  tunnelSwitch,
  tunnelSwitchMld,
} from '../transport/tunnel-info.js';

export { cxlmi_cmd_retcode_tostr };

/** `cxlmi_new_ctx(fp, log_level)`: fp is a stream or function for log lines (null = stderr). */
export function cxlmi_new_ctx(fp: Writable | LogSink | null = null, log_level = 4): Context {
  return new Context({ log: fp, logLevel: log_level });
}

/** Closes every endpoint of the context. */
export function cxlmi_free_ctx(ctx: Context): Promise<void> {
  return ctx.close();
}

export function cxlmi_set_probe_enabled(ctx: Context, enabled: boolean): void {
  ctx.probe = Boolean(enabled);
}

/** Opens a kernel mailbox endpoint (`mem0` or `/dev/cxl/mem0`). */
export function cxlmi_open(ctx: Context, devname: string): Promise<Endpoint> {
  return ctx.open(devname);
}

export function cxlmi_open_mctp(ctx: Context, net: number, eid: number): Promise<Endpoint> {
  return ctx.openMctp(net, eid);
}

/** Opens every CXL endpoint mctpd knows; resolves with how many were opened. */
export async function cxlmi_scan_mctp(ctx: Context): Promise<number> {
  return (await ctx.scanMctp()).length;
}

export function cxlmi_close(ep: Endpoint): Promise<void> {
  return ep.close();
}

export function cxlmi_endpoint_get_timeout(ep: Endpoint): number {
  return ep.timeoutMs;
}
export function cxlmi_endpoint_set_timeout(ep: Endpoint, timeout_ms: number): void {
  ep.timeoutMs = timeout_ms;
}
export function cxlmi_endpoint_has_fmapi(ep: Endpoint): boolean {
  return ep.hasFmapi;
}
export function cxlmi_endpoint_enable_fmapi(ep: Endpoint): boolean {
  return ep.enableFmapi();
}
export function cxlmi_endpoint_disable_fmapi(ep: Endpoint): void {
  ep.disableFmapi();
}

export function cxlmi_first_endpoint(ctx: Context): Endpoint | null {
  return ctx.endpoints[0] ?? null;
}
export function cxlmi_next_endpoint(ctx: Context, ep: Endpoint): Endpoint | null {
  const list = ctx.endpoints;
  const i = list.indexOf(ep);
  return i >= 0 && i + 1 < list.length ? list[i + 1] : null;
}
/** Iterates the context's endpoints (a snapshot, so closing one while iterating is safe). */
export function* endpoints(ctx: Context): Generator<Endpoint> {
  yield* [...ctx.endpoints];
}

export function cxlmi_tunnel_mld(ld: number): TunnelInfo {
  return tunnelMld(ld);
}
export function cxlmi_tunnel_switch(port: number): TunnelInfo {
  return tunnelSwitch(port);
}
export function cxlmi_tunnel_switch_mld(port: number, ld: number): TunnelInfo {
  return tunnelSwitchMld(port, ld);
}
export function cxlmi_tunnel_mhd(): TunnelInfo {
  return tunnelMhd();
}
/** Kept for compatibility: tunnel descriptors are garbage collected. */
export function cxlmi_tunnel_free(_ti: TunnelInfo | null): void {}
