/**
 * The QoS telemetry settings a single logical device (Set SLD QoS Control, 4701h) and an MLD
 * (Set QoS Control, 5404h) share: the same options, and the same rule — a setting not given on the
 * command line keeps the device's current value.
 */
import type { Command } from 'commander';
import { parseNumber } from './hex.js';

export interface QosControlFields {
  qos_telemetry_control: number;
  egress_moderate_percentage: number;
  egress_severe_percentage: number;
  backpressure_sample_interval: number;
}

/** Adds --control, --moderate, --severe and --interval. */
export function withQosControlOptions(cmd: Command): Command {
  return cmd
    .option(
      '--control <n>',
      'QoS telemetry control byte (bit 0 egress port congestion, bit 1 temporary throughput reduction)',
    )
    .option('--moderate <percent>', 'egress moderate percentage')
    .option('--severe <percent>', 'egress severe percentage')
    .option('--interval <n>', 'backpressure sample interval');
}

/** A command-line value, or the current one when the option was not given. */
export function pick(name: string, v: unknown, current: number, max: number): number {
  return v === undefined ? current : parseNumber(name, String(v), max);
}

/** The shared settings from the options, each defaulting to the device's current value. */
export function qosControlFrom(o: Record<string, unknown>, cur: QosControlFields): QosControlFields {
  return {
    qos_telemetry_control: pick('--control', o.control, cur.qos_telemetry_control, 0xff),
    egress_moderate_percentage: pick('--moderate', o.moderate, cur.egress_moderate_percentage, 100),
    egress_severe_percentage: pick('--severe', o.severe, cur.egress_severe_percentage, 100),
    backpressure_sample_interval: pick('--interval', o.interval, cur.backpressure_sample_interval, 0xff),
  };
}
