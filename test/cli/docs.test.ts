import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REFERENCE_COMMANDS } from '../../scripts/reference-functions.js';

describe('docs/porting.md', () => {
  it('its generated command tables are up to date (npm run docs)', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-porting.ts', '--check'], {
      stdio: 'pipe',
    });
  });

  it('names every function of the reference', () => {
    const text = readFileSync(new URL('../../docs/porting.md', import.meta.url), 'utf8');
    const library = [
      'cxlmi_new_ctx',
      'cxlmi_free_ctx',
      'cxlmi_set_probe_enabled',
      'cxlmi_open',
      'cxlmi_open_mctp',
      'cxlmi_scan_mctp',
      'cxlmi_close',
      'cxlmi_endpoint_get_timeout',
      'cxlmi_endpoint_set_timeout',
      'cxlmi_endpoint_has_fmapi',
      'cxlmi_endpoint_enable_fmapi',
      'cxlmi_endpoint_disable_fmapi',
      'cxlmi_first_endpoint',
      'cxlmi_next_endpoint',
      'endpoints',
      'cxlmi_tunnel_mld',
      'cxlmi_tunnel_switch',
      'cxlmi_tunnel_switch_mld',
      'cxlmi_tunnel_mhd',
      'cxlmi_tunnel_free',
      'cxlmi_cmd_retcode_tostr',
    ];
    for (const n of [...library, ...Object.values(REFERENCE_COMMANDS).flat()]) {
      assert.ok(text.includes(`\`${n}`), `${n} is missing from docs/porting.md`);
    }
    assert.equal(Object.values(REFERENCE_COMMANDS).flat().length, 95);
  });
});
