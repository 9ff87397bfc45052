import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bindVppb,
  decodeGetVcsInfo,
  getVcsInfo,
  unbindVppb,
} from '../../../src/commands/fmapi/virtual-switch.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('Get Virtual CXL Switch Info (5200h)', () => {
  it('encodes start, limit and the VCS id list (CXL r3.2 Table 7-26)', () => {
    const req = { start_vppb: 0, vppb_list_limit: 4, num_vcs: 2, vcs_id_list: Uint8Array.from([0, 1]) };
    assert.deepEqual([...getVcsInfo.encodeRequest(req)], [...hex('00 04 02 00 01')]);
  });

  // Table 7-27 header (num VCSs, 3 rsvd), then per VCS: id, state (1 enabled), USP id, num vPPBs,
  // and Table 7-28 entries: status (2 bound port / 3 bound LD), port, LD, rsvd.
  const ONE = hex('01 00 00 00  00 01 00 02  02 01 ff 00  03 02 01 00');

  it('decodes one VCS block without the request', () => {
    const v = getVcsInfo.response.decode(ONE);
    assert.equal(v.num_vcs, 1);
    assert.equal(v.vcs_info_list[0].num_vppbs, 2);
    assert.deepEqual(v.vcs_info_list[0].vppbs, [
      { binding_status: 2, bound_port_id: 1, bound_ld_id: 0xff },
      { binding_status: 3, bound_port_id: 2, bound_ld_id: 1 },
    ]);
  });

  // Two VCSs, limit 1 from vPPB 1: each block lists min(1, num - 1) entries.
  const TWO = hex('02 00 00 00  00 01 00 03  03 02 00 00  01 01 05 02  00 00 00 00');
  const TWO_REQ = { start_vppb: 1, vppb_list_limit: 1, num_vcs: 2, vcs_id_list: Uint8Array.from([0, 1]) };

  it('splits several VCS blocks using the request', () => {
    const v = getVcsInfo.decodeResponse?.(TWO, TWO_REQ) as ReturnType<typeof decodeGetVcsInfo>;
    assert.equal(v.vcs_info_list.length, 2);
    assert.equal(v.vcs_info_list[0].vppbs.length, 1);
    assert.equal(v.vcs_info_list[0].vppbs[0].binding_status, 3);
    assert.equal(v.vcs_info_list[1].usp_id, 5);
    assert.equal(v.vcs_info_list[1].vppbs[0].binding_status, 0);
  });

  it('encodes the device side to the same bytes', () => {
    const v = decodeGetVcsInfo(TWO, TWO_REQ);
    assert.deepEqual([...getVcsInfo.response.encode(v)], [...TWO]);
  });

  it('round-trips several VCS blocks for every start and limit (decoded with the request)', () => {
    const sizes = [0, 2, 5];
    for (let start = 0; start < 6; start++) {
      for (let limit = 1; limit < 6; limit++) {
        const req = {
          start_vppb: start,
          vppb_list_limit: limit,
          num_vcs: 3,
          vcs_id_list: Uint8Array.from([0, 1, 2]),
        };
        const list = sizes.map((n, id) => ({
          vcs_id: id,
          vcs_state: 1,
          usp_id: 0,
          num_vppbs: n,
          vppbs: Array.from({ length: Math.max(0, Math.min(limit, n - start)) }, (_, i) => ({
            binding_status: (start + i) % 4,
            bound_port_id: id,
            bound_ld_id: start + i,
          })),
        }));
        const bytes = getVcsInfo.response.encode({ num_vcs: 3, vcs_info_list: list });
        assert.deepEqual(
          decodeGetVcsInfo(bytes, req),
          { num_vcs: 3, vcs_info_list: list },
          `start ${start} limit ${limit}`,
        );
      }
    }
  });

  it('rejects a block that the payload cuts short', () => {
    assert.throws(() => decodeGetVcsInfo(TWO.subarray(0, 18), TWO_REQ), CxlmiDecodeError);
  });
});

describe('Bind / Unbind vPPB (5201h / 5202h)', () => {
  it('bind encodes VCS, vPPB, port and a 16-bit LD id (Table 7-29)', () => {
    assert.deepEqual(
      [...bindVppb.encodeRequest({ vcs_id: 0, vppb_id: 1, port_id: 2, ld_id: 0x0001 })],
      [...hex('00 01 02 00 01 00')],
    );
    assert.equal(bindVppb.background, true);
  });
  it('unbind encodes VCS, vPPB and option (Table 7-30)', () => {
    assert.deepEqual(
      [...unbindVppb.encodeRequest({ vcs_id: 0, vppb_id: 1, option: 2 })],
      [...hex('00 01 02')],
    );
    assert.equal(unbindVppb.background, true);
  });
});
