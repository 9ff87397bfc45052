/**
 * Endpoint methods for memory RAS: the eight features by name (read-modify-write, checked against
 * the device's capability bits) and PPR / memory sparing through Perform Maintenance.
 */
import type { RasFeatureName, SparingKind } from '../commands/generic/ras-features.js';
import type { Endpoint } from './endpoint.js';
import {
  type MaintenanceResult,
  type PprRequest,
  performPpr,
  performSparing,
  type SparingRequest,
} from './maintenance.js';
import type { CallOptions } from './options.js';
import {
  type Ecs,
  type EcsChange,
  getEcs,
  getPatrolScrub,
  getPpr,
  getRasFeature,
  getSparing,
  type PatrolScrub,
  type PatrolScrubChange,
  type Ppr,
  type PprChange,
  type Sparing,
  type SparingChange,
  setEcs,
  setPatrolScrub,
  setPpr,
  setSparing,
} from './ras-features.js';

declare module './endpoint.js' {
  interface Endpoint {
    /** Device Patrol Scrub Control: cycle (current, minimum), enabled, capabilities. */
    getPatrolScrub(opts?: CallOptions): Promise<PatrolScrub>;
    /** Changes the scrub cycle and/or enables scrub; refuses what the capability bits forbid. */
    setPatrolScrub(change: PatrolScrubChange): Promise<PatrolScrub>;
    /** DDR5 ECS Control: log entry type and each media FRU's threshold and count mode. */
    getEcs(opts?: CallOptions): Promise<Ecs>;
    /** Changes one FRU's (or every FRU's) ECS threshold, count mode, or resets its counter. */
    setEcs(change: EcsChange): Promise<Ecs>;
    /** sPPR feature. */
    getSoftPpr(opts?: CallOptions): Promise<Ppr>;
    setSoftPpr(change: PprChange): Promise<Ppr>;
    /** hPPR feature. */
    getHardPpr(opts?: CallOptions): Promise<Ppr>;
    setHardPpr(change: PprChange): Promise<Ppr>;
    /** One of the four memory sparing features. */
    getSparing(kind: SparingKind, opts?: CallOptions): Promise<Sparing>;
    setSparing(kind: SparingKind, change: SparingChange): Promise<Sparing>;
    /** Any RAS feature by name, decoded, with the device's supported-feature entry. */
    getRasFeature(name: RasFeatureName, opts?: CallOptions): ReturnType<typeof getRasFeature>;
    /** Soft or hard PPR of a DPA through Perform Maintenance (optionally waiting for it). */
    performPpr(req: PprRequest): Promise<MaintenanceResult>;
    /** Cacheline, row, bank or rank sparing of a DRAM address through Perform Maintenance. */
    performSparing(req: SparingRequest): Promise<MaintenanceResult>;
  }
}

const helpers = {
  getPatrolScrub(this: Endpoint, opts?: CallOptions) {
    return getPatrolScrub(this, opts);
  },
  setPatrolScrub(this: Endpoint, change: PatrolScrubChange) {
    return setPatrolScrub(this, change);
  },
  getEcs(this: Endpoint, opts?: CallOptions) {
    return getEcs(this, opts);
  },
  setEcs(this: Endpoint, change: EcsChange) {
    return setEcs(this, change);
  },
  getSoftPpr(this: Endpoint, opts?: CallOptions) {
    return getPpr(this, 'soft', opts);
  },
  setSoftPpr(this: Endpoint, change: PprChange) {
    return setPpr(this, 'soft', change);
  },
  getHardPpr(this: Endpoint, opts?: CallOptions) {
    return getPpr(this, 'hard', opts);
  },
  setHardPpr(this: Endpoint, change: PprChange) {
    return setPpr(this, 'hard', change);
  },
  getSparing(this: Endpoint, kind: SparingKind, opts?: CallOptions) {
    return getSparing(this, kind, opts);
  },
  setSparing(this: Endpoint, kind: SparingKind, change: SparingChange) {
    return setSparing(this, kind, change);
  },
  getRasFeature(this: Endpoint, name: RasFeatureName, opts?: CallOptions) {
    return getRasFeature(this, name, opts);
  },
  performPpr(this: Endpoint, req: PprRequest) {
    return performPpr(this, req);
  },
  performSparing(this: Endpoint, req: SparingRequest) {
    return performSparing(this, req);
  },
};

export function installRasHelpers(proto: object): void {
  for (const [name, fn] of Object.entries(helpers)) {
    if (name in proto) throw new Error(`endpoint helper ${name} clashes with an Endpoint member`);
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  }
}
