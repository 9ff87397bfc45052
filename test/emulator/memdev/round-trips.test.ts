import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT, CXLMI_RET_PAYLOADLEN } from '../../../src/protocol/retcodes.js';
import { GiB, rig } from './setup.js';

const rejectsWith = (code: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === code;

describe('memdev emulator round trips', () => {
  it('identifies the memory device from its configuration', async () => {
    const { ep } = rig({
      volatileBytes: 1n * GiB,
      persistentBytes: 3n * GiB,
      volatileOnlyBytes: 512n * 1024n * 1024n,
      lsaSize: 4096,
      fwRevision: 'TEST FW 7',
      poisonListMax: 32,
      injectPoisonLimit: 4,
    });
    const id = await ep.memdevIdentify();
    assert.equal(id.fw_revision, 'TEST FW 7');
    assert.equal(id.total_capacity_bytes, 4n * GiB);
    assert.equal(id.volatile_capacity, 2n);
    assert.equal(id.persistent_capacity, 0n);
    assert.equal(id.lsa_size, 4096);
    assert.equal(id.poison_list_max_mer, 32);
    assert.equal(id.inject_poison_limit, 4);
    assert.equal(id.poison_caps_bits.scans_for_poison, true);
  });

  it('keeps the LSA and checks its bounds', async () => {
    const { ep } = rig({ lsaSize: 256 });
    await ep.setLsa({ offset: 250, data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    assert.deepEqual((await ep.getLsa({ offset: 252, length: 4 })).data, Uint8Array.of(3, 4, 5, 6));
    await assert.rejects(ep.getLsa({ offset: 253, length: 4 }), rejectsWith(CXLMI_RET_INPUT));
    await assert.rejects(ep.setLsa({ offset: 251, data: new Uint8Array(6) }), rejectsWith(CXLMI_RET_INPUT));
    // Wrapping offsets must not slip past the check.
    await assert.rejects(ep.getLsa({ offset: 0xffffffff, length: 2 }), rejectsWith(CXLMI_RET_INPUT));
  });

  it('answers a short fixed-size request with Invalid Payload Length', async () => {
    const { ep } = rig();
    const r = await ep.request(0x4301, new Uint8Array(4));
    assert.equal(r.retcode, CXLMI_RET_PAYLOADLEN);
  });

  it('stores SLD QoS control values and validates them', async () => {
    const { ep, device } = rig();
    const c = {
      qos_telemetry_control: 3,
      egress_moderate_percentage: 30,
      egress_severe_percentage: 90,
      backpressure_sample_interval: 4,
    };
    await ep.setSldQosControl(c);
    const got = await ep.getSldQosControl();
    assert.equal(got.qos_telemetry_control, 3);
    assert.equal(got.egress_severe_percentage, 90);
    await assert.rejects(
      ep.setSldQosControl({ ...c, egress_moderate_percentage: 0 }),
      rejectsWith(CXLMI_RET_INPUT),
    );
    await assert.rejects(
      ep.setSldQosControl({ ...c, backpressure_sample_interval: 16 }),
      rejectsWith(CXLMI_RET_INPUT),
    );
    device.memdev.qos.backpressureAverage = 42;
    assert.equal((await ep.getSldQosStatus()).backpressure_avg_percentage, 42);
  });

  it('lists its security protocols and refuses the rest', async () => {
    const { ep } = rig();
    const r = await ep.securityReceive({ security_protocol: 0, sp_specific: 0 });
    // 6 reserved bytes, list length 1 (big-endian), protocol 00h.
    assert.deepEqual(r.data, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1, 0));
    await assert.rejects(
      ep.securityReceive({ security_protocol: 0xef, sp_specific: 0 }),
      rejectsWith(CXLMI_RET_INPUT),
    );
    await assert.rejects(
      ep.securitySend({ security_protocol: 0xef, sp_specific: 0, data: Uint8Array.of(1) }),
      rejectsWith(CXLMI_RET_INPUT),
    );
  });

  it('secure-erases user data before it answers (not a background command)', async () => {
    const { ep, device } = rig();
    device.memdev.media.write(0n, Uint8Array.of(9));
    const raw = await ep.request(0x4401);
    assert.equal(raw.retcode, 0, 'Success, not Background Command Started');
    assert.deepEqual(device.memdev.media.read(0n, 1), Uint8Array.of(0));
    assert.equal((await ep.bgOpStatus()).status_bits.in_progress, false);
  });
});
