import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getDomainValidationSv,
  getDomainValidationSvState,
  getPhysPortState,
  getVcsDomainValidationSvState,
  identifySwDevice,
  physPortControl,
  sendPpbCxlioConfigRequest,
  setDomainValidationSv,
} from '../../../src/commands/fmapi/physical-switch.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, z } from './hex.js';

describe('Identify Switch Device (5100h)', () => {
  // CXL r3.1 Table 7-15: 00h ingress port, 01h rsvd, 02h num physical ports, 03h num VCSs,
  // 04h 32 active port bitmask, 24h 32 active VCS bitmask, 44h 2 total vPPBs, 46h 2 bound vPPBs,
  // 48h 1 HDM decoders per USP — 49h bytes.
  const RSP = hex(`02 00 05 01 1f${z(31)} 01${z(31)} 04 00 02 00 04`);

  it('is an FM-API command with libcxlmi name and no request', () => {
    assert.equal(identifySwDevice.opcode, 0x5100);
    assert.equal(identifySwDevice.fmapi, true);
    assert.equal(identifySwDevice.compatName, 'cxlmi_cmd_fmapi_identify_sw_device');
    assert.equal(identifySwDevice.response.size, 0x49);
  });

  it('decodes the response', () => {
    const v = identifySwDevice.response.decode(RSP);
    assert.equal(v.ingress_port_id, 2);
    assert.equal(v.num_physical_ports, 5);
    assert.equal(v.num_vcs, 1);
    assert.equal(v.active_port_bitmask[0], 0x1f);
    assert.equal(v.active_vcs_bitmask[0], 0x01);
    assert.equal(v.num_total_vppb, 4);
    assert.equal(v.num_active_vppb, 2);
    assert.equal(v.num_hdm_decoder_per_usp, 4);
    assert.deepEqual([...identifySwDevice.response.encode(v)], [...RSP]);
  });

  it('rejects a response cut inside the vPPB counts', () => {
    assert.throws(
      () => identifySwDevice.response.decode(RSP.subarray(0, 0x45), identifySwDevice.name),
      (e: unknown) => e instanceof CxlmiDecodeError && e.field === 'num_total_vppb',
    );
  });
});

describe('Get Physical Port State (5101h)', () => {
  it('encodes the port list with its count (Table 7-17)', () => {
    assert.deepEqual(
      [...getPhysPortState.encodeRequest({ num_ports: 2, ports: Uint8Array.from([1, 3]) })],
      [...hex('02 01 03')],
    );
  });

  // Table 7-18 header (num ports, 3 rsvd) + Table 7-19 block: port 3, state DSP (3), mode 68B flit+VH (2),
  // rsvd, type 3 MLD (5), modes 68B|256B (06h), width x16/x16, speeds 3fh, max 6, current 6, LTSSM L0 (4),
  // lane 0, link state flags 0002h (PERST asserted), 3 LDs.
  const RSP = hex('01 00 00 00  03 03 02 00 05 06 10 10 3f 06 06 04 00 02 00 03');

  it('decodes a port block with its state views', () => {
    const v = getPhysPortState.response.decode(RSP);
    assert.equal(v.num_ports, 1);
    const p = v.ports[0];
    assert.equal(p.port_id, 3);
    assert.equal(p.config_state, 3);
    assert.equal(p.conn_dev_cxl_ver, 2);
    assert.equal(p.conn_dev_type, 5);
    assert.deepEqual(p.port_cxl_ver_bitmask_bits, {
      rcd: false,
      flit68_vh: true,
      flit256: true,
      flit256_lo: false,
      pbr: false,
    });
    assert.equal(p.max_link_width, 16);
    assert.equal(p.ltssm_state, 4);
    assert.equal(p.link_state, 2);
    assert.equal(p.link_state_bits.perst, true);
    assert.equal(p.supported_ld_count, 3);
    assert.deepEqual([...getPhysPortState.response.encode(v)], [...RSP]);
  });

  it('rejects a response whose count claims more blocks than arrived', () => {
    const bad = hex('02 00 00 00  03 03 02 00 05 06 10 10 3f 06 06 04 00 02 00 03');
    assert.throws(() => getPhysPortState.response.decode(bad), CxlmiDecodeError);
  });
});

describe('Physical Port Control (5102h)', () => {
  it('encodes PPB id and port opcode (Table 7-20)', () => {
    assert.deepEqual([...physPortControl.encodeRequest({ ppb_id: 3, port_opcode: 2 })], [3, 2]);
    assert.equal(physPortControl.response, null);
  });
});

describe('Send PPB CXL.io Configuration Request (5103h)', () => {
  // CXL r3.2 Table 7-21: 00h PPB id; 01h-03h bits 7:0 register, 11:8 extended register, 15:12 first DW
  // byte enables, 23 transaction type (write); 04h 4 write data. Output: 4 bytes read data.
  it('encodes a configuration write', () => {
    const req = {
      ppb_id: 1,
      field_1: 0x10 | (0xf << 12) | (1 << 23),
      transaction_data: 0x12345678,
    };
    assert.deepEqual([...sendPpbCxlioConfigRequest.encodeRequest(req)], [...hex('01 10 f0 80 78 56 34 12')]);
  });
  it('decodes the request fields on the device side, with the bit view', () => {
    const v = sendPpbCxlioConfigRequest.request.decode(hex('01 10 f0 80 78 56 34 12'));
    assert.deepEqual(v.field_1_bits, { reg_num: 0x10, ext_reg_num: 0, first_dw_be: 0xf, write: true });
    assert.equal(sendPpbCxlioConfigRequest.response.decode(hex('ef be ad de')).return_data, 0xdeadbeef);
  });
});

describe('Domain validation secret value (5104h-5107h)', () => {
  const UUID_BYTES = hex('00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff');
  const UUID = '00112233-4455-6677-8899-aabbccddeeff';
  it('5104h decodes the state byte', () => {
    assert.equal(getDomainValidationSvState.response.decode(hex('01')).secret_value_state, 1);
  });
  it('5105h carries the 16-byte secret value in wire order', () => {
    assert.deepEqual([...setDomainValidationSv.encodeRequest({ secret_value_uuid: UUID })], [...UUID_BYTES]);
  });
  it('5106h/5107h take a VCS id', () => {
    assert.deepEqual([...getVcsDomainValidationSvState.encodeRequest({ vcs_id: 2 })], [2]);
    assert.deepEqual([...getDomainValidationSv.encodeRequest({ vcs_id: 1 })], [1]);
    assert.equal(getDomainValidationSv.response.decode(UUID_BYTES).secret_value_uuid, UUID);
  });
});
