/** The reference's names (cxlmi/compat) reach the same device and decode the same values. */
import assert from 'node:assert/strict';
import {
  cxlmi_close,
  cxlmi_cmd_memdev_get_partition_info,
  cxlmi_cmd_memdev_identify,
  cxlmi_cmd_memdev_identify_rsp,
  cxlmi_free_ctx,
  cxlmi_new_ctx,
  cxlmi_open,
  cxlmi_set_probe_enabled,
} from '../../../src/compat/index.js';
import type { Check } from './check.js';

export const compatChecks: Check[] = [
  {
    name: 'compat: cxlmi_open, cxlmi_cmd_memdev_identify and _get_partition_info as the reference spells them',
    async run({ ep, cfg }) {
      const ctx = cxlmi_new_ctx(null, 4);
      cxlmi_set_probe_enabled(ctx, false);
      try {
        const cep = await cxlmi_open(ctx, 'mem0');
        const rsp = cxlmi_cmd_memdev_identify_rsp();
        await cxlmi_cmd_memdev_identify(cep, null, rsp);
        assert.deepEqual(rsp, await ep.memdevIdentify());
        assert.equal(rsp.lsa_size, cfg.lsaBytes);
        const part = cxlmi_cmd_memdev_get_partition_info();
        await cxlmi_cmd_memdev_get_partition_info(cep, null, part);
        assert.equal(part.active_pmem_bytes, cfg.persistentBytes);
        await cxlmi_close(cep);
      } finally {
        await cxlmi_free_ctx(ctx);
      }
    },
  },
];
