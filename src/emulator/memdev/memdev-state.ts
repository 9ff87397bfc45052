/**
 * The whole memory-device state of an emulated Type 3 device: one object per area, plus what ties
 * them together (the DPA space, media-disabled while sanitizing, the emulated reset).
 */
import { CXLMI_RET_MEDIADISABLED, CXLMI_RET_SECURITY } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import { type MemdevConfig, type MemdevOptions, resolveMemdevConfig } from './config.js';
import { DynamicCapacityState } from './dynamic-capacity.js';
import type { EventSink } from './event-records.js';
import { HealthState } from './health.js';
import { LabelStorage } from './label-storage.js';
import { MediaStore } from './media-store.js';
import { PartitionState } from './partition.js';
import { PoisonState } from './poison.js';
import { SecurityStateMachine } from './security.js';
import { SldQosState } from './sld-qos.js';

export interface MemdevHooks {
  /** Device timestamp (ns), for overflow timestamps. */
  now: () => bigint;
  /** Where raised events go. */
  emit: EventSink;
}

export class MemdevState {
  readonly config: MemdevConfig;
  readonly partition: PartitionState;
  readonly lsa: LabelStorage;
  readonly media = new MediaStore();
  readonly health: HealthState;
  readonly poison: PoisonState;
  readonly security: SecurityStateMachine;
  readonly qos = new SldQosState();
  readonly dc: DynamicCapacityState;
  /** Set while a Sanitize runs (CXL r3.1 §8.2.9.9.5.1): media commands get Media Disabled. */
  mediaDisabled = false;

  constructor(options: MemdevOptions, hooks: MemdevHooks) {
    const cfg = resolveMemdevConfig(options);
    this.config = cfg;
    this.partition = new PartitionState(cfg);
    this.lsa = new LabelStorage(cfg.lsaSize);
    this.health = new HealthState(hooks.emit);
    this.poison = new PoisonState(cfg.poisonListMax, cfg.injectPoisonLimit, () => this.dpaLimit, hooks.now);
    this.security = new SecurityStateMachine(cfg.passphraseRetryLimit, () => this.eraseUserData());
    this.dc = new DynamicCapacityState(cfg.dcRegions, cfg.dcExtentsSupported, hooks.emit, (r) =>
      this.media.erase(r.start_dpa, r.len),
    );
  }

  /** End of the addressable DPA space: static capacity, then the DC regions' decode lengths. */
  get dpaLimit(): bigint {
    const last = this.config.dcRegions[this.config.dcRegions.length - 1];
    return last ? last.base + last.decodeLength : this.partition.staticCapacity;
  }

  /** Throws Media Disabled while a sanitize runs. */
  requireMedia(): void {
    if (this.mediaDisabled) throw new DeviceReturn(CXLMI_RET_MEDIADISABLED);
  }

  /** Throws Invalid Security State while the device is locked. */
  requireUnlocked(): void {
    if (this.security.locked) throw new DeviceReturn(CXLMI_RET_SECURITY);
  }

  /** What Secure Erase and Passphrase Secure Erase do: the user data becomes unreadable. */
  eraseUserData(): void {
    this.media.clear();
  }

  /** What a completed Sanitize does: data, labels and media errors are gone. */
  sanitizeAll(): void {
    this.media.clear();
    this.lsa.clear();
    this.poison.clearAll();
  }

  /**
   * An emulated conventional reset: a pending partition change becomes active, a dirty shutdown
   * state is counted, a set user passphrase locks the device, a freeze ends, unanswered DC
   * offers are dropped.
   */
  reset(): void {
    this.partition.reset();
    this.health.reset();
    this.security.reset();
    this.dc.reset();
  }
}
