/** How `cxlmi features get` shows the decoded memory RAS features: one table per feature. */
import { ECS_THRESHOLDS, type RasFeatureName } from '../commands/generic/ras-features.js';
import type { Ecs, PatrolScrub, Ppr, Sparing } from '../endpoint/ras-features.js';
import { table } from './output.js';

const yes = (b: boolean) => (b ? 'yes' : 'no');

function rows(name: RasFeatureName, v: unknown): string[][] {
  if (name === 'patrol-scrub') {
    const s = v as PatrolScrub;
    return [
      ['enabled', yes(s.scrub_flags_bits.enabled)],
      ['scrub cycle', `${s.scrub_cycle_hours} h`],
      ['minimum cycle', `${s.min_scrub_cycle_hours} h`],
      ['cycle changeable', yes(s.scrub_cycle_cap_bits.cycle_changeable)],
      ['realtime report', yes(s.scrub_cycle_cap_bits.realtime_report)],
    ];
  }
  if (name === 'sppr' || name === 'hppr') {
    const p = v as Ppr;
    return [
      ['operation class / subclass', `${p.maint_op_class} / ${p.maint_op_subclass}`],
      ['max maintenance latency (code)', String(p.max_maint_latency)],
      ['repair by DPA', yes(p.ppr_flags_bits.dpa_support)],
      ['nibble mask', yes(p.ppr_flags_bits.nibble_support)],
      ['media accessible while repairing', yes(!p.restriction_flags_bits.media_not_accessible)],
      ['data retained', yes(!p.restriction_flags_bits.data_not_retained)],
      [
        'device-initiated repair',
        `${yes(p.op_mode_bits.device_initiated)} (offered: ${yes(p.op_caps_bits.device_initiated)})`,
      ],
      [
        'memory sparing event records',
        `${yes(p.ppr_op_mode_bits.mem_sparing_ev_rec_en)} (offered: ${yes(p.ppr_flags_bits.mem_sparing_ev_rec_cap)})`,
      ],
      [
        'repair at boot',
        `${yes(p.ppr_op_mode_bits.dev_initiated_at_boot)} (offered: ${yes(p.ppr_flags_bits.dev_initiated_at_boot_cap)})`,
      ],
    ];
  }
  if (name === 'ecs') return [];
  const s = v as Sparing;
  return [
    ['operation class / subclass', `${s.maint_op_class} / ${s.maint_op_subclass}`],
    ['max maintenance latency (code)', String(s.max_maint_latency)],
    ['soft sparing', yes(s.restriction_flags_bits.soft_sparing_supported)],
    ['hard sparing', yes(s.restriction_flags_bits.hard_sparing_supported)],
    ['safe while in use', yes(!s.restriction_flags_bits.not_safe_when_in_use)],
    [
      'device-initiated sparing',
      `${yes(s.op_mode_bits.device_initiated)} (offered: ${yes(s.op_caps_bits.device_initiated)})`,
    ],
  ];
}

export function rasFeatureText(name: RasFeatureName, value: unknown, color: boolean): string {
  if (name === 'ecs') {
    const e = value as Ecs;
    const head = `  log entries: ${e.ecs_log_cap_bits.log_entry_type === 1 ? 'per memory media FRU' : 'per DRAM'}`;
    const t = table(
      ['FRU', 'THRESHOLD', 'COUNTS', 'REALTIME REPORT', 'FLAGS'],
      e.fru_attrs.map((f, i) => [
        String(i),
        ECS_THRESHOLDS[f.threshold_count] === undefined
          ? `index ${f.threshold_count}`
          : `${ECS_THRESHOLDS[f.threshold_count]} errors/Gb`,
        f.count_mode ? 'codewords' : 'rows',
        yes(f.ecs_cap_bits.realtime_report),
        `0x${f.ecs_flags.toString(16)}`,
      ]),
      color,
    );
    return `${head}\n${t.replace(/^/gm, '  ')}`;
  }
  return table(['FIELD', 'VALUE'], rows(name, value), color).replace(/^/gm, '  ');
}
