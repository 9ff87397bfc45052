/**
 * Health information, alert configuration and shutdown state (CXL r3.1 8.2.9.9.3).
 * Conditions are injected with `inject()`; every change re-evaluates the thresholds, updates the
 * Additional Status field and raises a Memory Module event when a condition gets worse.
 */
import {
  LIFE_USED_NOT_IMPLEMENTED,
  TEMPERATURE_NOT_IMPLEMENTED,
} from '../../commands/memdev/health-status.js';
import { CxlmiUsageError } from '../../errors.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import {
  EventSeverity,
  type EventSink,
  type HealthSnapshot,
  MEMORY_MODULE_EVENT_UUID,
  MemoryModuleEventType,
  memoryModuleEventBody,
} from './event-records.js';

/** Alert bits of Get/Set Alert Configuration (Tables 8-134, 8-135). */
export const Alert = {
  LIFE_USED: 1 << 0,
  OVER_TEMPERATURE: 1 << 1,
  UNDER_TEMPERATURE: 1 << 2,
  CORRECTED_VOLATILE: 1 << 3,
  CORRECTED_PERSISTENT: 1 << 4,
} as const;
const ALL_ALERTS = 0x1f;

/** Additional Status levels (Table 8-133 byte 2). */
export const Level = { NORMAL: 0, WARNING: 1, CRITICAL: 2 } as const;

export interface HealthConditions {
  health_status?: number;
  media_status?: number;
  life_used?: number;
  device_temperature?: number;
  corrected_volatile_error_count?: number;
  corrected_persistent_error_count?: number;
  dirty_shutdown_count?: number;
}

export interface AlertConfig {
  valid_alerts: number;
  programmable_alerts: number;
  life_used_critical_alert_threshold: number;
  life_used_programmable_warning_threshold: number;
  device_over_temperature_critical_alert_threshold: number;
  device_under_temperature_critical_alert_threshold: number;
  device_over_temperature_programmable_warning_threshold: number;
  device_under_temperature_programmable_warning_threshold: number;
  corrected_volatile_mem_error_programmable_warning_threshold: number;
  corrected_persistent_mem_error_programmable_warning_threshold: number;
}

export interface SetAlertConfig {
  valid_alert_actions: number;
  enable_alert_actions: number;
  life_used_programmable_warning_threshold: number;
  device_over_temperature_programmable_warning_threshold: number;
  device_under_temperature_programmable_warning_threshold: number;
  corrected_volatile_mem_error_programmable_warning_threshold: number;
  corrected_persistent_mem_error_programmable_warning_threshold: number;
}

interface Levels {
  life: number;
  temperature: number;
  volatile: number;
  persistent: number;
}

/** Ranges of the Get Health Info fields; anything else would not fit the payload. */
const RANGES: Record<keyof HealthConditions, [number, number]> = {
  health_status: [0, 0x07],
  media_status: [0, 0xff],
  life_used: [0, 0xff],
  device_temperature: [-0x8000, 0x7fff],
  corrected_volatile_error_count: [0, 0xffffffff],
  corrected_persistent_error_count: [0, 0xffffffff],
  dirty_shutdown_count: [0, 0xffffffff],
};

function checkConditions(c: HealthConditions): void {
  for (const [k, v] of Object.entries(c)) {
    const range = RANGES[k as keyof HealthConditions];
    if (!range) throw new CxlmiUsageError(`unknown health condition ${k}`);
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < range[0] || v > range[1]) {
      throw new CxlmiUsageError(
        `health condition ${k} must be an integer from ${range[0]} to ${range[1]}, got ${v}`,
      );
    }
  }
}

export class HealthState {
  health_status = 0;
  media_status = 0;
  life_used = 3;
  device_temperature = 35;
  dirty_shutdown_count = 0;
  corrected_volatile_error_count = 0;
  corrected_persistent_error_count = 0;
  /** Shutdown State (Table 8-137): bit 0 dirty. */
  shutdownDirty = false;

  readonly alerts: AlertConfig = {
    valid_alerts: 0,
    programmable_alerts: ALL_ALERTS,
    life_used_critical_alert_threshold: 90,
    life_used_programmable_warning_threshold: 75,
    device_over_temperature_critical_alert_threshold: 85,
    device_under_temperature_critical_alert_threshold: -10,
    device_over_temperature_programmable_warning_threshold: 70,
    device_under_temperature_programmable_warning_threshold: 0,
    corrected_volatile_mem_error_programmable_warning_threshold: 100,
    corrected_persistent_mem_error_programmable_warning_threshold: 100,
  };

  private levels: Levels = { life: 0, temperature: 0, volatile: 0, persistent: 0 };

  constructor(private readonly emit: EventSink) {}

  snapshot(): HealthSnapshot {
    return {
      health_status: this.health_status,
      media_status: this.media_status,
      additional_status: this.additionalStatus(),
      life_used: this.life_used,
      device_temperature: this.device_temperature,
      dirty_shutdown_count: this.dirty_shutdown_count,
      corrected_volatile_error_count: this.corrected_volatile_error_count,
      corrected_persistent_error_count: this.corrected_persistent_error_count,
    };
  }

  additionalStatus(): number {
    const l = this.levels;
    return l.life | (l.temperature << 2) | (l.volatile << 4) | (l.persistent << 5);
  }

  /** Changes conditions (an emulator control, not a command) and raises the resulting events. */
  inject(c: HealthConditions): void {
    checkConditions(c);
    const before = { health: this.health_status, media: this.media_status };
    if (c.health_status !== undefined) this.health_status = c.health_status;
    if (c.media_status !== undefined) this.media_status = c.media_status;
    if (c.life_used !== undefined) this.life_used = c.life_used;
    if (c.device_temperature !== undefined) this.device_temperature = c.device_temperature;
    if (c.corrected_volatile_error_count !== undefined)
      this.corrected_volatile_error_count = c.corrected_volatile_error_count >>> 0;
    if (c.corrected_persistent_error_count !== undefined)
      this.corrected_persistent_error_count = c.corrected_persistent_error_count >>> 0;
    if (c.dirty_shutdown_count !== undefined) this.dirty_shutdown_count = c.dirty_shutdown_count >>> 0;
    if (this.health_status !== before.health) {
      this.raise(
        MemoryModuleEventType.HEALTH_STATUS_CHANGE,
        this.health_status ? EventSeverity.WARNING : EventSeverity.INFORMATIONAL,
      );
    }
    if (this.media_status !== before.media) {
      this.raise(
        MemoryModuleEventType.MEDIA_STATUS_CHANGE,
        this.media_status ? EventSeverity.FAILURE : EventSeverity.INFORMATIONAL,
      );
    }
    this.evaluate();
  }

  getAlertConfig(): AlertConfig {
    return { ...this.alerts };
  }

  /** Set Alert Configuration: validates every requested change before applying any. */
  setAlertConfig(req: SetAlertConfig): void {
    const a = this.alerts;
    const act = req.valid_alert_actions;
    const en = req.enable_alert_actions;
    if (act & ~a.programmable_alerts & 0xff) throw new DeviceReturn(CXLMI_RET_INPUT);
    const enabling = (bit: number) => (act & bit) !== 0 && (en & bit) !== 0;
    if (
      enabling(Alert.LIFE_USED) &&
      req.life_used_programmable_warning_threshold >= a.life_used_critical_alert_threshold
    ) {
      throw new DeviceReturn(CXLMI_RET_INPUT);
    }
    if (
      enabling(Alert.OVER_TEMPERATURE) &&
      req.device_over_temperature_programmable_warning_threshold >=
        a.device_over_temperature_critical_alert_threshold
    ) {
      throw new DeviceReturn(CXLMI_RET_INPUT);
    }
    if (
      enabling(Alert.UNDER_TEMPERATURE) &&
      req.device_under_temperature_programmable_warning_threshold <=
        a.device_under_temperature_critical_alert_threshold
    ) {
      throw new DeviceReturn(CXLMI_RET_INPUT);
    }
    const apply = (bit: number, set: () => void) => {
      if (!(act & bit)) return;
      if (en & bit) {
        set();
        a.valid_alerts |= bit;
      } else {
        a.valid_alerts &= ~bit;
      }
    };
    apply(Alert.LIFE_USED, () => {
      a.life_used_programmable_warning_threshold = req.life_used_programmable_warning_threshold;
    });
    apply(Alert.OVER_TEMPERATURE, () => {
      a.device_over_temperature_programmable_warning_threshold =
        req.device_over_temperature_programmable_warning_threshold;
    });
    apply(Alert.UNDER_TEMPERATURE, () => {
      a.device_under_temperature_programmable_warning_threshold =
        req.device_under_temperature_programmable_warning_threshold;
    });
    apply(Alert.CORRECTED_VOLATILE, () => {
      a.corrected_volatile_mem_error_programmable_warning_threshold =
        req.corrected_volatile_mem_error_programmable_warning_threshold;
    });
    apply(Alert.CORRECTED_PERSISTENT, () => {
      a.corrected_persistent_mem_error_programmable_warning_threshold =
        req.corrected_persistent_mem_error_programmable_warning_threshold;
    });
    this.evaluate();
  }

  /** A reset: a dirty shutdown state counts as a dirty shutdown, then the state is clean again. */
  reset(): void {
    if (this.shutdownDirty) this.dirty_shutdown_count = (this.dirty_shutdown_count + 1) >>> 0;
    this.shutdownDirty = false;
  }

  private computeLevels(): Levels {
    const a = this.alerts;
    const on = (bit: number) => (a.valid_alerts & bit) !== 0;
    let life: number = Level.NORMAL;
    if (this.life_used !== LIFE_USED_NOT_IMPLEMENTED) {
      if (this.life_used >= a.life_used_critical_alert_threshold) life = Level.CRITICAL;
      else if (on(Alert.LIFE_USED) && this.life_used >= a.life_used_programmable_warning_threshold)
        life = Level.WARNING;
    }
    let temperature: number = Level.NORMAL;
    const t = this.device_temperature;
    if (t !== TEMPERATURE_NOT_IMPLEMENTED) {
      if (
        t >= a.device_over_temperature_critical_alert_threshold ||
        t <= a.device_under_temperature_critical_alert_threshold
      ) {
        temperature = Level.CRITICAL;
      } else if (
        (on(Alert.OVER_TEMPERATURE) && t >= a.device_over_temperature_programmable_warning_threshold) ||
        (on(Alert.UNDER_TEMPERATURE) && t <= a.device_under_temperature_programmable_warning_threshold)
      ) {
        temperature = Level.WARNING;
      }
    }
    const volatile =
      on(Alert.CORRECTED_VOLATILE) &&
      this.corrected_volatile_error_count >= a.corrected_volatile_mem_error_programmable_warning_threshold
        ? 1
        : 0;
    const persistent =
      on(Alert.CORRECTED_PERSISTENT) &&
      this.corrected_persistent_error_count >= a.corrected_persistent_mem_error_programmable_warning_threshold
        ? 1
        : 0;
    return { life, temperature, volatile, persistent };
  }

  private evaluate(): void {
    const old = this.levels;
    const now = this.computeLevels();
    this.levels = now;
    const severity = (level: number) =>
      level >= Level.CRITICAL ? EventSeverity.FAILURE : EventSeverity.WARNING;
    if (now.life > old.life) this.raise(MemoryModuleEventType.LIFE_USED_CHANGE, severity(now.life));
    if (now.temperature > old.temperature)
      this.raise(MemoryModuleEventType.TEMPERATURE_CHANGE, severity(now.temperature));
    if (now.volatile > old.volatile || now.persistent > old.persistent) {
      this.raise(MemoryModuleEventType.HEALTH_STATUS_CHANGE, EventSeverity.WARNING);
    }
  }

  private raise(type: number, severity: number): void {
    this.emit({
      log: severity,
      uuid: MEMORY_MODULE_EVENT_UUID,
      flags: severity,
      body: memoryModuleEventBody(type, this.snapshot()),
    });
  }
}
