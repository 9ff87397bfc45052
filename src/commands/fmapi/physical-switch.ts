/** Physical Switch command set (0x51), CXL r3.1 §7.6.7.1. Field names as libcxlmi's api-types.h. */
import {
  bitfield,
  bytes,
  reserved,
  struct,
  u8,
  u16,
  u24,
  u32,
  uuid,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Identify Switch Device output payload, CXL r3.1 Table 7-15 (0x49 bytes). */
export const identifySwDeviceRsp = struct('cxlmi_cmd_fmapi_identify_sw_device_rsp', {
  ingress_port_id: u8,
  rsv1: reserved(1),
  num_physical_ports: u8,
  num_vcs: u8,
  active_port_bitmask: bytes(32),
  active_vcs_bitmask: bytes(32),
  num_total_vppb: u16,
  num_active_vppb: u16,
  num_hdm_decoder_per_usp: u8,
});

export const identifySwDevice = defineCommand({
  name: 'fmapi_identify_sw_device',
  method: 'identifySwitchDevice',
  opcode: 0x5100,
  set: 'fmapi',
  title: 'Identify Switch Device',
  spec: '7.6.7.1.1',
  request: null,
  response: identifySwDeviceRsp,
});

/** Get Physical Port State input payload, CXL r3.1 Table 7-17. */
export const getPhysPortStateReq = struct('cxlmi_cmd_fmapi_get_phys_port_state_req', {
  num_ports: u8,
  ports: bytes({ count: 'num_ports' }),
});

/** Port Information Block, CXL r3.1 Table 7-19 (16 bytes). */
export const portStateInfoBlock = struct('cxlmi_cmd_fmapi_port_state_info_block', {
  port_id: u8,
  /** Current Port Configuration State: 0 disabled, 1 bind in progress, 2 unbind in progress, 3 DSP, 4 USP, 5 fabric link, 0xF invalid port. */
  config_state: bitfield(u8, { state: [0, 4] }),
  /** Connected Device Mode (r3.1; "CXL version" before): 0 not CXL / disconnected, 1 RCD, 2 68B flit + VH, 3 256B flit, 4 latency-optimized 256B, 5 PBR. */
  conn_dev_cxl_ver: u8,
  rsv1: reserved(1),
  /** 0 none, 1 PCIe, 2 CXL Type 1, 3 CXL Type 2, 4 Type 3 SLD, 5 Type 3 MLD. */
  conn_dev_type: u8,
  /** Supported CXL modes. */
  port_cxl_ver_bitmask: bitfield(u8, { rcd: 0, flit68_vh: 1, flit256: 2, flit256_lo: 3, pbr: 4 }),
  max_link_width: u8,
  negotiated_link_width: u8,
  supported_link_speeds_vector: u8,
  max_link_speed: u8,
  current_link_speed: u8,
  /** 0 detect, 1 polling, 2 configuration, 3 recovery, 4 L0, 5 L0s, 6 L1, 7 L2, 8 disabled, 9 loopback, 0xA hot reset. */
  ltssm_state: u8,
  first_lane_num: u8,
  link_state: bitfield(u16, { lane_reversal: 0, perst: 1, prsnt: 2, power_off: 3 }),
  supported_ld_count: u8,
});

/** Get Physical Port State output payload, CXL r3.1 Table 7-18. */
export const getPhysPortStateRsp = struct('cxlmi_cmd_fmapi_get_phys_port_state_rsp', {
  num_ports: u8,
  rsv1: reserved(3),
  ports: varArray(portStateInfoBlock, { count: 'num_ports' }),
});

export const getPhysPortState = defineCommand({
  name: 'fmapi_get_phys_port_state',
  method: 'getPhysPortState',
  opcode: 0x5101,
  set: 'fmapi',
  title: 'Get Physical Port State',
  spec: '7.6.7.1.2',
  request: getPhysPortStateReq,
  response: getPhysPortStateRsp,
});

/** Physical Port Control input payload, CXL r3.1 Table 7-20. port_opcode: 0 assert PERST, 1 deassert PERST, 2 reset PPB. */
export const physPortControlReq = struct('cxlmi_cmd_fmapi_phys_port_control_req', {
  ppb_id: u8,
  port_opcode: u8,
});

export const physPortControl = defineCommand({
  name: 'fmapi_phys_port_control',
  method: 'physPortControl',
  opcode: 0x5102,
  set: 'fmapi',
  title: 'Physical Port Control',
  spec: '7.6.7.1.3',
  request: physPortControlReq,
  response: null,
});

/** Bytes 1-3 of the CXL.io configuration requests: register, byte enables, read/write. */
const configField = { reg_num: [0, 8], ext_reg_num: [8, 4], first_dw_be: [12, 4], write: 23 } as const;

/** Send PPB CXL.io Configuration Request input payload, CXL r3.2 Table 7-21. */
export const sendPpbCxlioConfigRequestReq = struct('cxlmi_cmd_fmapi_send_ppb_cxlio_config_request_req', {
  ppb_id: u8,
  field_1: bitfield(u24, configField),
  transaction_data: u32,
});
export const sendPpbCxlioConfigRequestRsp = struct('cxlmi_cmd_fmapi_send_ppb_cxlio_config_request_rsp', {
  return_data: u32,
});

export const sendPpbCxlioConfigRequest = defineCommand({
  name: 'fmapi_send_ppb_cxlio_config_request',
  method: 'sendPpbCxlioConfigRequest',
  opcode: 0x5103,
  set: 'fmapi',
  title: 'Send PPB CXL.io Configuration Request',
  spec: '7.6.7.1.4',
  request: sendPpbCxlioConfigRequestReq,
  response: sendPpbCxlioConfigRequestRsp,
});

/** Get Domain Validation SV State output, CXL r3.1 Table 7-22: 0 not set, 1 set. */
export const getDomainValidationSvStateRsp = struct('cxlmi_cmd_fmapi_get_domain_validation_sv_state_rsp', {
  secret_value_state: u8,
});

export const getDomainValidationSvState = defineCommand({
  name: 'fmapi_get_domain_validation_sv_state',
  method: 'getDomainValidationSvState',
  opcode: 0x5104,
  set: 'fmapi',
  title: 'Get Domain Validation SV State',
  spec: '7.6.7.1.5',
  request: null,
  response: getDomainValidationSvStateRsp,
});

/** Set Domain Validation SV input, CXL r3.1 Table 7-23. */
export const setDomainValidationSvReq = struct('cxlmi_cmd_fmapi_set_domain_validation_sv_req', {
  secret_value_uuid: uuid,
});

export const setDomainValidationSv = defineCommand({
  name: 'fmapi_set_domain_validation_sv',
  method: 'setDomainValidationSv',
  opcode: 0x5105,
  set: 'fmapi',
  title: 'Set Domain Validation SV',
  spec: '7.6.7.1.6',
  request: setDomainValidationSvReq,
  response: null,
});

/** Get VCS Domain Validation SV State, CXL r3.1 Tables 7-24/7-25. */
export const getVcsDomainValidationSvStateReq = struct(
  'cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state_req',
  {
    vcs_id: u8,
  },
);
export const getVcsDomainValidationSvStateRsp = struct(
  'cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state_rsp',
  {
    secret_value_state: u8,
  },
);

export const getVcsDomainValidationSvState = defineCommand({
  name: 'fmapi_get_vcs_domain_validation_sv_state',
  method: 'getVcsDomainValidationSvState',
  opcode: 0x5106,
  set: 'fmapi',
  title: 'Get VCS Domain Validation SV State',
  spec: '7.6.7.1.7',
  request: getVcsDomainValidationSvStateReq,
  response: getVcsDomainValidationSvStateRsp,
});

/** Get Domain Validation SV, CXL r3.1 Tables 7-26/7-27 (numbering of r3.1 §7.6.7.1.8). */
export const getDomainValidationSvReq = struct('cxlmi_cmd_fmapi_get_domain_validation_sv_req', {
  vcs_id: u8,
});
export const getDomainValidationSvRsp = struct('cxlmi_cmd_fmapi_get_domain_validation_sv_rsp', {
  secret_value_uuid: uuid,
});

export const getDomainValidationSv = defineCommand({
  name: 'fmapi_get_domain_validation_sv',
  method: 'getDomainValidationSv',
  opcode: 0x5107,
  set: 'fmapi',
  title: 'Get Domain Validation SV',
  spec: '7.6.7.1.8',
  request: getDomainValidationSvReq,
  response: getDomainValidationSvRsp,
});
