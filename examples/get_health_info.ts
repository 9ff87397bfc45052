/**
 * Port of the reference's get_health_info example: open a memory device, send Get Health Info
 * and print health status, media status, temperature, life used and the error counters.
 *   npm run example -- get_health_info --emulate
 *   npm run example -- get_health_info mem0
 */

import type { Endpoint } from 'cxlmi';
import { HEALTH_LEVEL, mediaStatusName } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { openTarget } from './_target.js';

/** Health Status byte: bit 0 maintenance needed, 1 performance degraded, 2 replacement needed. */
function decode_health_status(status: number): string {
  const statuses: string[] = [];
  if (status & 0x01) statuses.push('Maintenance Needed');
  if (status & 0x02) statuses.push('Performance Degraded');
  if (status & 0x04) statuses.push('Hardware Replacement Needed');
  return statuses.length ? statuses.join(', ') : 'Normal';
}

function decode_media_status(status: number): string {
  return mediaStatusName(status);
}

async function send_get_health_info(ep: Endpoint): Promise<void> {
  const health = cxlmi.cxlmi_cmd_memdev_get_health_info_rsp();
  await cxlmi.cxlmi_cmd_memdev_get_health_info(ep, null, health);

  const extra = health.additional_status_bits;
  console.log('CXL Memory Device Health Information:');
  console.log(`  Health Status:                  ${decode_health_status(health.health_status)}`);
  console.log(`  Media Status:                   ${decode_media_status(health.media_status)}`);
  console.log(
    `  Life Used:                      ${health.life_used === 0xff ? 'not reported' : `${health.life_used}%`}` +
      ` (${HEALTH_LEVEL[extra.life_used]})`,
  );
  // Degrees Celsius, two's complement; FFFFh means the device does not report it.
  const temp = health.device_temperature === -1 ? 'not reported' : `${health.device_temperature}°C`;
  console.log(`  Device Temperature:             ${temp} (${HEALTH_LEVEL[extra.device_temperature]})`);
  console.log(`  Dirty Shutdown Count:           ${health.dirty_shutdown_count}`);
  console.log(`  Corrected Volatile Errors:      ${health.corrected_volatile_error_count}`);
  console.log(`  Corrected Persistent Errors:    ${health.corrected_persistent_error_count}`);
  if (health.additional_status) {
    console.log(
      `  Additional Status:              0x${health.additional_status.toString(16).padStart(2, '0')}`,
    );
  }
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    const eps = await openTarget(ctx, argv);
    for (const ep of eps) {
      try {
        await send_get_health_info(ep);
      } finally {
        await cxlmi.cxlmi_close(ep);
      }
    }
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
