/** Virtual Switch command set (0x52), CXL r3.2 §7.6.7.2. Field names as libcxlmi's api-types.h. */
import { CxlmiDecodeError } from '../../errors.js';
import {
  bytes,
  type Infer,
  type InferIn,
  reserved,
  struct,
  u8,
  u16,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from '../generic/effects.js';

/** Get Virtual CXL Switch Info input payload, CXL r3.2 Table 7-26. */
export const getVcsInfoReq = struct('cxlmi_cmd_fmapi_get_vcs_info_req', {
  start_vppb: u8,
  vppb_list_limit: u8,
  num_vcs: u8,
  vcs_id_list: bytes({ count: 'num_vcs' }),
});

/** vPPB information, CXL r3.2 Table 7-28. binding_status: 0 unbound, 1 bind/unbind in progress, 2 bound to a physical port, 3 bound to an LD. */
export const vppbInfo = struct('cxlmi_cmd_fmapi_vppb_info', {
  binding_status: u8,
  bound_port_id: u8,
  bound_ld_id: u8,
  rsv1: reserved(1),
});

/**
 * VCS Information Block, CXL r3.2 Table 7-27. vcs_state: 0 disabled, 1 enabled, 0xFF invalid VCS id.
 * `num_vppbs` is the VCS's total; the block lists min(vppb_list_limit, num_vppbs - start_vppb) of them,
 * a count only the request knows (see `decodeGetVcsInfo`).
 */
export const vcsInfoBlock = struct('cxlmi_cmd_fmapi_vcs_info_block', {
  vcs_id: u8,
  vcs_state: u8,
  usp_id: u8,
  num_vppbs: u8,
  vppbs: varArray(vppbInfo, 'rest'),
});

/** Get Virtual CXL Switch Info output payload, CXL r3.2 Table 7-27. */
export const getVcsInfoRsp = struct('cxlmi_cmd_fmapi_get_vcs_info_rsp', {
  num_vcs: u8,
  rsv1: reserved(3),
  vcs_info_list: varArray(vcsInfoBlock, { count: 'num_vcs' }),
});

type VcsInfo = Infer<typeof getVcsInfoRsp>;
const VPPB_SIZE = 4;
const BLOCK_HEADER = 4;

/** Decodes a Get VCS Info response with the request it answers, which fixes each block's vPPB count. */
export function decodeGetVcsInfo(
  payload: Uint8Array,
  req: InferIn<typeof getVcsInfoReq> | undefined,
): VcsInfo {
  if (!req) return getVcsInfoRsp.decode(payload, 'fmapi_get_vcs_info');
  const fail = (problem: string, field: string, offset: number): never => {
    throw new CxlmiDecodeError(problem, {
      command: 'fmapi_get_vcs_info',
      field,
      offset,
      length: payload.length,
    });
  };
  if (payload.length < 4) fail(`payload is ${payload.length} bytes, the header needs 4`, 'num_vcs', 0);
  const numVcs = payload[0];
  const list: VcsInfo['vcs_info_list'] = [];
  let off = 4;
  for (let i = 0; i < numVcs; i++) {
    if (payload.length - off < BLOCK_HEADER)
      fail(`payload ends inside VCS block ${i}`, `vcs_info_list[${i}]`, off);
    const numVppbs = payload[off + 3];
    const listed = Math.max(0, Math.min(req.vppb_list_limit, numVppbs - req.start_vppb));
    const end = off + BLOCK_HEADER + listed * VPPB_SIZE;
    if (end > payload.length) {
      fail(
        `VCS block ${i} lists ${listed} vPPBs but the payload ends first`,
        `vcs_info_list[${i}].vppbs`,
        off + 4,
      );
    }
    list.push(vcsInfoBlock.decode(payload.subarray(off, end), 'fmapi_get_vcs_info'));
    off = end;
  }
  const out: VcsInfo = { num_vcs: numVcs, vcs_info_list: list };
  if (off < payload.length) out._extra = payload.subarray(off);
  return out;
}

export const getVcsInfo = defineCommand({
  name: 'fmapi_get_vcs_info',
  method: 'getVcsInfo',
  opcode: 0x5200,
  set: 'fmapi',
  title: 'Get Virtual CXL Switch Info',
  spec: '7.6.7.2.1',
  request: getVcsInfoReq,
  response: getVcsInfoRsp,
  decodeResponse: (payload: Uint8Array, req: unknown) =>
    decodeGetVcsInfo(payload, req as InferIn<typeof getVcsInfoReq> | undefined),
});

/** Bind vPPB input payload, CXL r3.1 Table 7-29. ld_id 0xFFFF binds the port itself (not an LD). */
export const bindVppbReq = struct('cxlmi_cmd_fmapi_bind_vppb_req', {
  vcs_id: u8,
  vppb_id: u8,
  port_id: u8,
  rsv1: reserved(1),
  ld_id: u16,
});

export const bindVppb = defineCommand({
  name: 'fmapi_bind_vppb',
  method: 'bindVppb',
  opcode: 0x5201,
  set: 'fmapi',
  title: 'Bind vPPB',
  spec: '7.6.7.2.2',
  request: bindVppbReq,
  response: null,
  background: true,
  effects: effectMask(['background_operation']),
});

/** Unbind vPPB input payload, CXL r3.1 Table 7-30. option: 0 wait for link down, 1 managed hot-remove, 2 surprise hot-remove. */
export const unbindVppbReq = struct('cxlmi_cmd_fmapi_unbind_vppb_req', {
  vcs_id: u8,
  vppb_id: u8,
  option: u8,
});

export const unbindVppb = defineCommand({
  name: 'fmapi_unbind_vppb',
  method: 'unbindVppb',
  opcode: 0x5202,
  set: 'fmapi',
  title: 'Unbind vPPB',
  spec: '7.6.7.2.3',
  request: unbindVppbReq,
  response: null,
  background: true,
  effects: effectMask(['background_operation']),
});

/** The LD id that means "the whole port" in Bind vPPB. */
export const BIND_WHOLE_PORT = 0xffff;
