import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIBCXLMI_EXTRA_NAMES, REFERENCE_COMMANDS } from '../../../scripts/reference-functions.js';
import * as cxlmi from '../../../src/compat/index.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { Type3Device } from '../../../src/emulator/type3.js';
import { Endpoint } from '../../../src/endpoint/endpoint.js';

// The Memory Device functions of the reference, plus libcxlmi's current C spellings of the
// scan-media functions.
const REFERENCE = [...REFERENCE_COMMANDS.memdev, ...LIBCXLMI_EXTRA_NAMES.memdev];

// libcxlmi's structure names (api-types.h), which Python scripts construct.
const STRUCTS = [
  'cxlmi_cmd_memdev_identify_rsp',
  'cxlmi_cmd_memdev_get_partition_info_rsp',
  'cxlmi_cmd_memdev_get_health_info_rsp',
  'cxlmi_cmd_memdev_get_poison_list_req',
  'cxlmi_cmd_memdev_get_poison_list_rsp',
  'cxlmi_cmd_memdev_get_scan_media_capabilities_req',
  'cxlmi_cmd_memdev_get_scan_media_capabilities_rsp',
  'cxlmi_cmd_memdev_scan_media_req',
  'cxlmi_cmd_memdev_get_scan_media_results_rsp',
  'cxlmi_cmd_memdev_get_dc_config_req',
  'cxlmi_cmd_memdev_get_dc_extent_list_rsp',
];

describe('memdev compat names', () => {
  it('exports every reference function and both scan-media spellings', () => {
    const exported = cxlmi as unknown as Record<string, unknown>;
    for (const n of REFERENCE) assert.equal(typeof exported[n], 'function', n);
    assert.equal(exported.cxlmi_cmd_scan_media, exported.cxlmi_cmd_memdev_scan_media);
  });

  it('builds libcxlmi structures by name', () => {
    const exported = cxlmi as unknown as Record<string, () => Record<string, unknown>>;
    for (const n of STRUCTS) assert.equal(typeof exported[n](), 'object', n);
    const rsp = cxlmi.cxlmi_cmd_memdev_get_poison_list_rsp();
    assert.equal(rsp.more_err_media_record_cnt, 0);
    assert.deepEqual(rsp.records, []);
  });

  it('fills the caller’s structure as the C out-parameter does', async () => {
    const ep = new Endpoint(emulatorTransport(new Type3Device({ volatileBytes: 1n << 30n })));
    const info = cxlmi.cxlmi_cmd_memdev_get_partition_info();
    await cxlmi.cxlmi_cmd_memdev_get_partition_info(ep, null, info);
    assert.equal(info.active_vmem, 4n);

    const req = cxlmi.cxlmi_cmd_memdev_get_poison_list_req();
    req.get_poison_list_phy_addr_len = 16n;
    await cxlmi.cxlmi_cmd_memdev_inject_poison(ep, null, { inject_poison_phy_addr: 0x40n });
    const list = cxlmi.cxlmi_cmd_get_poison_list();
    await cxlmi.cxlmi_cmd_get_poison_list(ep, null, req, list);
    assert.equal(list.more_err_media_record_cnt, 1);
    assert.equal(list.records[0].media_err_addr, 0x43n);
  });

  it('copies Get LSA data into a caller buffer, as libcxlmi does with void *ret', async () => {
    const ep = new Endpoint(emulatorTransport(new Type3Device({ lsaSize: 64 })));
    const set = cxlmi.cxlmi_cmd_memdev_set_lsa_req();
    set.offset = 4;
    set.data = Uint8Array.of(7, 8, 9);
    await cxlmi.cxlmi_cmd_memdev_set_lsa(ep, null, set);
    const req = cxlmi.cxlmi_cmd_memdev_get_lsa_req();
    req.offset = 4;
    req.length = 3;
    const buf = new Uint8Array(3);
    await cxlmi.cxlmi_cmd_memdev_get_lsa(ep, null, req, buf);
    assert.deepEqual(buf, Uint8Array.of(7, 8, 9));
  });
});
