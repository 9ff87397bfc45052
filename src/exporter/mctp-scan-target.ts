/**
 * `--scan` for the exporter: a discovery the poller runs again every rescan interval. Each run asks
 * mctpd for the CXL endpoints it knows now and answers the whole set, reusing the endpoints opened
 * by earlier runs (an endpoint is its MCTP network and EID; the poller tells devices apart by the
 * serial they report).
 */
import { cxlRoles, discoverMctpEndpoints, type MctpdScanOptions } from '../discovery/index.js';
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { LOG_WARNING } from '../endpoint/log.js';
import type { EndpointOptions } from '../endpoint/options.js';
import type { MctpOpenOptions } from '../transport/mctp/index.js';
import type { PendingTarget } from './poller.js';

export type MctpScanTargetOptions = EndpointOptions & MctpOpenOptions & MctpdScanOptions;

/** A discovery whose open() answers every CXL endpoint mctpd lists now. */
export interface MctpScanTarget extends PendingTarget {
  open(): Promise<Endpoint[]>;
}

export function mctpScanTarget(
  ctx: Context,
  opts: MctpScanTargetOptions = {},
  name = '--scan',
): MctpScanTarget {
  /** Endpoints this discovery opened, by `NET,EID`. */
  const mine = new Map<string, Endpoint>();
  return {
    name,
    transport: 'mctp',
    rescans: true,
    async open(): Promise<Endpoint[]> {
      const found = await discoverMctpEndpoints(opts);
      const out: Endpoint[] = [];
      const seen = new Set<string>();
      for (const d of found) {
        const roles = cxlRoles(d);
        if (!roles) continue;
        const { cci, fmapi } = roles;
        const key = `${d.net},${d.eid}`;
        seen.add(key);
        const known = mine.get(key);
        if (known) {
          out.push(known);
          continue;
        }
        // Named on the command line as well (mctp:NET,EID): polled as that target, not twice.
        if (ctx.endpoints.some((ep) => ep.description === `mctp:${key}`)) continue;
        try {
          const ep = await ctx.openMctp(d.net, d.eid, {
            ...opts,
            fmapi: opts.fmapi ?? (fmapi || undefined),
            cci,
          });
          mine.set(key, ep);
          out.push(ep);
        } catch (e) {
          ctx.log(LOG_WARNING, `cannot open mctp:${key}: ${(e as Error).message}`);
        }
      }
      // Gone from mctpd: the poller closes them; a later run that finds the EID again opens it anew.
      for (const key of [...mine.keys()]) if (!seen.has(key)) mine.delete(key);
      return out;
    },
  };
}
