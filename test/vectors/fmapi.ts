/**
 * Vectors for the FM-API command sets (CXL r3.1/r3.2 §7.6.7). Byte offsets from the spec's tables
 * as libcxlmi's packed structs (src/cxlmi/api-types.h) and QEMU's hw/cxl/cxl-mailbox-utils.c and
 * hw/cxl/switch-mailbox-cci.c record them.
 */
import { hex, type LayoutVector, req, rsp, seq, vector, z } from './vector.js';

const lib = (s: string) => `libcxlmi struct ${s}`;

export const fmapiVectors: LayoutVector[] = [
  vector({
    layout: rsp('fmapi_identify_sw_device'),
    source: `CXL r3.1 §7.6.7.1.1 (Identify Switch Device output); ${lib('cxlmi_cmd_fmapi_identify_sw_device_rsp')}; QEMU cmd_identify_switch_device`,
    // ingress port | rsvd | physical ports | VCSs | active port bitmask (32) | active VCS bitmask (32) |
    // total vPPBs | bound vPPBs | HDM decoders per USP
    hex: ['03 | 00 | 09 | 02 |', seq(0x10, 32), seq(0x40, 32), '| 21 01 | 43 02 | 0a'].join(' '),
    value: {
      ingress_port_id: 3,
      num_physical_ports: 9,
      num_vcs: 2,
      active_port_bitmask: hex(seq(0x10, 32)),
      active_vcs_bitmask: hex(seq(0x40, 32)),
      num_total_vppb: 0x0121,
      num_active_vppb: 0x0243,
      num_hdm_decoder_per_usp: 10,
    },
  }),
  vector({
    layout: req('fmapi_get_phys_port_state'),
    source: `CXL r3.1 §7.6.7.1.2 (Get Physical Port State input); ${lib('cxlmi_cmd_fmapi_get_phys_port_state_req')}`,
    hex: '02 | 05 07',
    value: { num_ports: 2, ports: hex('05 07') },
  }),
  vector({
    layout: rsp('fmapi_get_phys_port_state'),
    source: `CXL r3.1 §7.6.7.1.2 and the Port Information block; ${lib('cxlmi_cmd_fmapi_get_phys_port_state_rsp, cxlmi_cmd_fmapi_port_state_info_block')}; QEMU cmd_get_physical_port_state`,
    // ports | rsvd (3) | port id | config state | connected CXL version | rsvd | connected type |
    // CXL version bitmask | max width | negotiated width | speeds vector | max speed | current speed |
    // LTSSM | first lane | link state (2) | supported LD count
    hex: '01 | 00 00 00 | 07 | 03 | 02 | 00 | 04 | 1f | 10 | 08 | 3e | 05 | 06 | 11 | 0c | 0d 0e | 09',
    value: {
      num_ports: 1,
      ports: [
        {
          port_id: 7,
          config_state: 3,
          conn_dev_cxl_ver: 2,
          conn_dev_type: 4,
          port_cxl_ver_bitmask: 0x1f,
          max_link_width: 0x10,
          negotiated_link_width: 8,
          supported_link_speeds_vector: 0x3e,
          max_link_speed: 5,
          current_link_speed: 6,
          ltssm_state: 0x11,
          first_lane_num: 0x0c,
          link_state: 0x0e0d,
          supported_ld_count: 9,
        },
      ],
    },
  }),
  vector({
    layout: req('fmapi_phys_port_control'),
    source: `CXL r3.1 §7.6.7.1.3; ${lib('cxlmi_cmd_fmapi_phys_port_control_req')}`,
    hex: '02 | 01',
    value: { ppb_id: 2, port_opcode: 1 },
  }),
  vector({
    layout: req('fmapi_send_ppb_cxlio_config_request'),
    source: `CXL r3.1 §7.6.7.1.4; ${lib('cxlmi_cmd_fmapi_send_ppb_cxlio_config_request_req')}`,
    // PPB id | register / extended register / byte enables / write (3 bytes) | data
    hex: '03 | 0c 1f 80 | 01 02 03 04',
    value: { ppb_id: 3, field_1: 0x801f0c, transaction_data: 0x04030201 },
  }),
  vector({
    layout: rsp('fmapi_send_ppb_cxlio_config_request'),
    source: `CXL r3.1 §7.6.7.1.4; ${lib('cxlmi_cmd_fmapi_send_ppb_cxlio_config_request_rsp')}`,
    hex: '11 12 13 14',
    value: { return_data: 0x14131211 },
  }),
  vector({
    layout: rsp('fmapi_get_domain_validation_sv_state'),
    source: `CXL r3.1 §7.6.7.1.5; ${lib('cxlmi_cmd_fmapi_get_domain_validation_sv_state_rsp')}`,
    hex: '01',
    value: { secret_value_state: 1 },
  }),
  vector({
    layout: req('fmapi_set_domain_validation_sv'),
    source: `CXL r3.1 §7.6.7.1.6; ${lib('cxlmi_cmd_fmapi_set_domain_validation_sv_req')}`,
    hex: seq(0x20, 16),
    value: { secret_value_uuid: '20212223-2425-2627-2829-2a2b2c2d2e2f' },
  }),
  vector({
    layout: req('fmapi_get_vcs_domain_validation_sv_state'),
    source: `CXL r3.1 §7.6.7.1.7; ${lib('cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state_req')}`,
    hex: '05',
    value: { vcs_id: 5 },
  }),
  vector({
    layout: rsp('fmapi_get_vcs_domain_validation_sv_state'),
    source: `CXL r3.1 §7.6.7.1.7; ${lib('cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state_rsp')}`,
    hex: '01',
    value: { secret_value_state: 1 },
  }),
  vector({
    layout: req('fmapi_get_domain_validation_sv'),
    source: `CXL r3.1 §7.6.7.1.8; ${lib('cxlmi_cmd_fmapi_get_domain_validation_sv_req')}`,
    hex: '06',
    value: { vcs_id: 6 },
  }),
  vector({
    layout: rsp('fmapi_get_domain_validation_sv'),
    source: `CXL r3.1 §7.6.7.1.8; ${lib('cxlmi_cmd_fmapi_get_domain_validation_sv_rsp')}`,
    hex: seq(0x30, 16),
    value: { secret_value_uuid: '30313233-3435-3637-3839-3a3b3c3d3e3f' },
  }),
  vector({
    layout: req('fmapi_get_vcs_info'),
    source: `CXL r3.1 §7.6.7.2.1 (Get Virtual CXL Switch Info input); ${lib('cxlmi_cmd_fmapi_get_vcs_info_req')}; QEMU cmd_get_vcs_info`,
    // start vPPB | vPPB list limit | number of VCSs | VCS ids
    hex: '01 | 08 | 02 | 00 03',
    value: { start_vppb: 1, vppb_list_limit: 8, num_vcs: 2, vcs_id_list: hex('00 03') },
  }),
  vector({
    layout: rsp('fmapi_get_vcs_info'),
    source: `CXL r3.1 §7.6.7.2.1 and the VCS Information block; ${lib('cxlmi_cmd_fmapi_get_vcs_info_rsp, cxlmi_cmd_fmapi_vcs_info_block, cxlmi_cmd_fmapi_vppb_info')}`,
    // VCSs | rsvd (3) | VCS id | state | USP id | vPPBs | per vPPB: binding status, port, LD id, rsvd
    hex: '01 | 00 00 00 | 02 | 01 | 03 | 04 | 02 05 06 00 | 03 07 08 00',
    value: {
      num_vcs: 1,
      vcs_info_list: [
        {
          vcs_id: 2,
          vcs_state: 1,
          usp_id: 3,
          num_vppbs: 4,
          vppbs: [
            { binding_status: 2, bound_port_id: 5, bound_ld_id: 6 },
            { binding_status: 3, bound_port_id: 7, bound_ld_id: 8 },
          ],
        },
      ],
    },
  }),
  vector({
    layout: req('fmapi_bind_vppb'),
    source: `CXL r3.1 §7.6.7.2.2; ${lib('cxlmi_cmd_fmapi_bind_vppb_req')}`,
    // VCS | vPPB | port | rsvd | LD id
    hex: '01 | 02 | 03 | 00 | 05 04',
    value: { vcs_id: 1, vppb_id: 2, port_id: 3, ld_id: 0x0405 },
  }),
  vector({
    layout: req('fmapi_unbind_vppb'),
    source: `CXL r3.1 §7.6.7.2.3; ${lib('cxlmi_cmd_fmapi_unbind_vppb_req')}`,
    hex: '01 | 02 | 03',
    value: { vcs_id: 1, vppb_id: 2, option: 3 },
  }),
  vector({
    layout: req('fmapi_tunnel_management_command'),
    source:
      'CXL r3.1 §7.6.7.3.1 (Tunnel Management Command input: port or LD id, target type, command size, command); QEMU cmd_tunnel_management_cmd',
    hex: `02 | 01 | 0c 00 | ${seq(0x40, 12)}`,
    value: { id: 2, target_type: 1, command_size: 12, message: hex(seq(0x40, 12)) },
  }),
  vector({
    layout: rsp('fmapi_tunnel_management_command'),
    source: 'CXL r3.1 §7.6.7.3.1 (output: response length, rsvd 2, response); QEMU cmd_tunnel_management_cmd',
    hex: `0d 00 | 00 00 | ${seq(0x50, 13)}`,
    value: { length: 13, message: hex(seq(0x50, 13)) },
  }),
  vector({
    layout: req('fmapi_send_ld_cxlio_config_request'),
    source: `CXL r3.2 §7.6.7.3.2; ${lib('cxlmi_cmd_fmapi_send_ld_cxlio_config_request_req')}`,
    // PPB id | register fields (3) | LD id | rsvd (2) | data
    hex: '04 | 2c 3f 80 | 06 05 | 00 00 | 11 12 13 14',
    value: { ppb_id: 4, field_1: 0x803f2c, ld_id: 0x0506, transaction_data: 0x14131211 },
  }),
  vector({
    layout: rsp('fmapi_send_ld_cxlio_config_request'),
    source: `CXL r3.2 §7.6.7.3.2; ${lib('cxlmi_cmd_fmapi_send_ld_cxlio_config_request_rsp')}`,
    hex: '21 22 23 24',
    value: { return_data: 0x24232221 },
  }),
  vector({
    layout: req('fmapi_send_ld_cxlio_mem_request'),
    source: `CXL r3.2 §7.6.7.3.3; ${lib('cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req')}`,
    // port | field 1 (2) | LD id | transaction length | address | data
    hex: '05 | 0f 81 | 07 06 | 04 02 | 10 11 12 13 14 15 16 17 | a1 a2 a3 a4',
    value: {
      port_id: 5,
      field_1: 0x810f,
      ld_id: 0x0607,
      transaction_len: 0x0204,
      transaction_addr: 0x1716151413121110n,
      transaction_data: hex('a1 a2 a3 a4'),
    },
  }),
  vector({
    layout: rsp('fmapi_send_ld_cxlio_mem_request'),
    source: `CXL r3.2 §7.6.7.3.3; ${lib('cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_rsp')}`,
    hex: '03 00 | 00 00 | b1 b2 b3',
    value: { return_size: 3, return_data: hex('b1 b2 b3') },
  }),
  vector({
    layout: rsp('fmapi_get_ld_info'),
    source: `CXL r3.1 §7.6.7.4.1 (Get LD Info output); ${lib('cxlmi_cmd_fmapi_get_ld_info_rsp')}; QEMU cmd_get_ld_info`,
    hex: '10 11 12 13 14 15 16 17 | 10 02 | 03',
    value: { memory_size: 0x1716151413121110n, ld_count: 0x0210, qos_telemetry_capability: 3 },
  }),
  vector({
    layout: req('fmapi_get_ld_allocations'),
    source: `CXL r3.1 §7.6.7.4.2; ${lib('cxlmi_cmd_fmapi_get_ld_allocations_req')}`,
    hex: '01 | 02',
    value: { start_ld_id: 1, ld_allocation_list_limit: 2 },
  }),
  vector({
    layout: rsp('fmapi_get_ld_allocations'),
    source: `CXL r3.1 §7.6.7.4.2; ${lib('cxlmi_cmd_fmapi_get_ld_allocations_rsp, cxlmi_cmd_fmapi_ld_allocations_list')}; QEMU cmd_get_ld_allocations`,
    // LDs | granularity | start LD | list length | per LD: range 1, range 2 multipliers
    hex: '05 | 03 | 02 | 01 | 10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27',
    value: {
      number_ld: 5,
      memory_granularity: 3,
      start_ld_id: 2,
      ld_allocation_list_len: 1,
      ld_allocation_list: [
        { range_1_allocation_mult: 0x1716151413121110n, range_2_allocation_mult: 0x2726252423222120n },
      ],
    },
  }),
  vector({
    layout: req('fmapi_set_ld_allocations'),
    source: `CXL r3.1 §7.6.7.4.3; ${lib('cxlmi_cmd_fmapi_set_ld_allocations_req')}`,
    hex: '01 | 02 | 00 00 | 30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47',
    value: {
      number_ld: 1,
      start_ld_id: 2,
      ld_allocation_list: [
        { range_1_allocation_mult: 0x3736353433323130n, range_2_allocation_mult: 0x4746454443424140n },
      ],
    },
  }),
  vector({
    layout: rsp('fmapi_set_ld_allocations'),
    source: `CXL r3.1 §7.6.7.4.3; ${lib('cxlmi_cmd_fmapi_set_ld_allocations_rsp')}`,
    hex: '01 | 03 | 00 00 | 50 51 52 53 54 55 56 57 | 60 61 62 63 64 65 66 67',
    value: {
      number_ld: 1,
      start_ld_id: 3,
      ld_allocation_list: [
        { range_1_allocation_mult: 0x5756555453525150n, range_2_allocation_mult: 0x6766656463626160n },
      ],
    },
  }),
  vector({
    layout: rsp('fmapi_get_qos_control'),
    source: `CXL r3.1 §7.6.7.4.4; ${lib('cxlmi_cmd_fmapi_get_qos_control_rsp')}`,
    // control | moderate % | severe % | sample interval | ReqCmpBasis (2) | completion interval
    hex: '03 | 0a | 32 | 08 | 34 12 | 05',
    value: {
      qos_telemetry_control: 3,
      egress_moderate_percentage: 10,
      egress_severe_percentage: 50,
      backpressure_sample_interval: 8,
      recmpbasis: 0x1234,
      completion_collection_interval: 5,
    },
  }),
  vector({
    layout: req('fmapi_set_qos_control'),
    source: `CXL r3.1 §7.6.7.4.5; ${lib('cxlmi_cmd_fmapi_set_qos_control_req')}`,
    hex: '01 | 14 | 3c | 06 | 78 56 | 07',
    value: {
      qos_telemetry_control: 1,
      egress_moderate_percentage: 20,
      egress_severe_percentage: 60,
      backpressure_sample_interval: 6,
      recmpbasis: 0x5678,
      completion_collection_interval: 7,
    },
  }),
  vector({
    layout: rsp('fmapi_set_qos_control'),
    source: `CXL r3.1 §7.6.7.4.5; ${lib('cxlmi_cmd_fmapi_set_qos_control_rsp')}`,
    hex: '02 | 1e | 46 | 09 | bc 9a | 0b',
    value: {
      qos_telemetry_control: 2,
      egress_moderate_percentage: 30,
      egress_severe_percentage: 70,
      backpressure_sample_interval: 9,
      recmpbasis: 0x9abc,
      completion_collection_interval: 11,
    },
  }),
  vector({
    layout: rsp('fmapi_get_qos_status'),
    source: `CXL r3.1 §7.6.7.4.6; ${lib('cxlmi_cmd_fmapi_get_qos_status_rsp')}`,
    hex: '2a',
    value: { backpressure_avg_percentage: 42 },
  }),
  ...(
    [
      ['fmapi_get_qos_allocated_bw', 'qos_allocation_fraction', '7.6.7.4.7'],
      ['fmapi_set_qos_allocated_bw', 'qos_allocation_fraction', '7.6.7.4.8'],
      ['fmapi_get_qos_bw_limit', 'qos_limit_fraction', '7.6.7.4.9'],
      ['fmapi_set_qos_bw_limit', 'qos_limit_fraction', '7.6.7.4.10'],
    ] as const
  ).flatMap(([name, fraction, section], i) => {
    const getter = name.includes('_get_');
    const source = `CXL r3.1 §${section}; libcxlmi struct cxlmi_cmd_${name}_req / _rsp`;
    // number of LDs | start LD id | one fraction byte per LD (requests of the getters stop at the start id)
    return [
      vector({
        layout: req(name),
        source,
        hex: getter ? `09 | 0${i + 1}` : `02 | 0${i + 4} | c${i} d${i}`,
        value: getter
          ? { number_ld: 9, start_ld_id: i + 1 }
          : { number_ld: 2, start_ld_id: i + 4, [fraction]: hex(`c${i} d${i}`) },
      }),
      vector({
        layout: rsp(name),
        source,
        hex: `02 | 0${i + 5} | a${i} b${i}`,
        value: { number_ld: 2, start_ld_id: i + 5, [fraction]: hex(`a${i} b${i}`) },
      }),
    ];
  }),
  vector({
    layout: req('fmapi_get_multiheaded_info'),
    source: `CXL r3.2 §7.6.7.5.1; ${lib('cxlmi_cmd_fmapi_get_multiheaded_info_req')}`,
    hex: '01 | 04',
    value: { start_ld_id: 1, ld_map_list_limit: 4 },
  }),
  vector({
    layout: rsp('fmapi_get_multiheaded_info'),
    source: `CXL r3.2 §7.6.7.5.1; ${lib('cxlmi_cmd_fmapi_get_multiheaded_info_rsp')}; QEMU cmd_mhd_get_info`,
    // LDs | heads | rsvd (2) | start LD | map length | rsvd (2) | map
    hex: '08 | 04 | 00 00 | 03 | 02 | 00 00 | 06 07',
    value: { num_lds: 8, num_heads: 4, start_ld_id: 3, ld_map_len: 2, ld_map: hex('06 07') },
  }),
  vector({
    layout: req('fmapi_get_head_info'),
    source: `CXL r3.2 §7.6.7.5.2; ${lib('cxlmi_cmd_fmapi_get_head_info_req')}`,
    hex: '01 | 02',
    value: { start_head: 1, num_heads: 2 },
  }),
  vector({
    layout: rsp('fmapi_get_head_info'),
    source: `CXL r3.2 §7.6.7.5.2; ${lib('cxlmi_cmd_fmapi_get_head_info_rsp, cxlmi_cmd_fmapi_get_head_info_blkfmt')}`,
    // heads | rsvd (3) | port | max width | negotiated width | speeds | max speed | current speed |
    // LTSSM | first lane | link state flags
    hex: '01 | 00 00 00 | 02 | 10 | 08 | 3e | 05 | 04 | 11 | 0c | 0d',
    value: {
      num_heads: 1,
      head_info_list: [
        {
          port_num: 2,
          field_1: 0x10,
          field_2: 8,
          field_3: 0x3e,
          field_4: 5,
          field_5: 4,
          ltssm_state: 0x11,
          first_negotiated_lane_num: 0x0c,
          link_state_flags: 0x0d,
        },
      ],
    },
  }),
  vector({
    layout: rsp('fmapi_get_dcd_info'),
    source: `CXL r3.2 §7.6.7.6.1 (Get DCD Info output); ${lib('cxlmi_cmd_fmapi_get_dcd_info_rsp')}; QEMU cmd_fm_get_dcd_info`,
    hex: [
      // hosts | regions | rsvd (2) | selection policies | rsvd (2) | removal policies | sanitize mask | rsvd
      '02 | 08 | 00 00 | 0f 01 | 00 00 | 03 02 | a5 | 00',
      // total dynamic capacity (256 MiB units) | region 0..7 supported block size masks
      '| 10 11 12 13 14 15 16 17',
      '| 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47 | 50 51 52 53 54 55 56 57',
      '| 60 61 62 63 64 65 66 67 | 70 71 72 73 74 75 76 77 | 80 81 82 83 84 85 86 87 | 90 91 92 93 94 95 96 97',
    ].join(' '),
    value: {
      num_hosts: 2,
      num_supported_dc_regions: 8,
      capacity_selection_policies: 0x010f,
      capacity_removal_policies: 0x0203,
      sanitize_on_release_config_mask: 0xa5,
      total_dynamic_capacity: 0x1716151413121110n,
      region_0_supported_blk_sz_mask: 0x2726252423222120n,
      region_1_supported_blk_sz_mask: 0x3736353433323130n,
      region_2_supported_blk_sz_mask: 0x4746454443424140n,
      region_3_supported_blk_sz_mask: 0x5756555453525150n,
      region_4_supported_blk_sz_mask: 0x6766656463626160n,
      region_5_supported_blk_sz_mask: 0x7776757473727170n,
      region_6_supported_blk_sz_mask: 0x8786858483828180n,
      region_7_supported_blk_sz_mask: 0x9796959493929190n,
    },
  }),
  vector({
    layout: req('fmapi_get_dc_reg_config'),
    source: `CXL r3.2 §7.6.7.6.2 (Get Host DC Region Configuration input); ${lib('cxlmi_cmd_fmapi_get_host_dc_region_config_req')}`,
    hex: '02 01 | 03 | 04',
    value: { host_id: 0x0102, region_cnt: 3, start_region_id: 4 },
  }),
  vector({
    layout: rsp('fmapi_get_dc_reg_config'),
    source: `CXL r3.2 §7.6.7.6.2; ${lib('cxlmi_cmd_fmapi_get_host_dc_region_config_rsp, cxlmi_cmd_fmapi_host_dc_region_config')}; QEMU cmd_fm_get_host_dc_region_config`,
    hex: [
      // host id | available regions | regions returned
      '04 03 | 04 | 01',
      // base | decode length (256 MiB) | region length | block size | flags | rsvd (3) | sanitize on release | rsvd (3)
      '| 10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47 | 01 | 00 00 00 | 02 | 00 00 00',
      // supported extents | available extents | supported tags | available tags
      '| 61 62 63 64 | 71 72 73 74 | 81 82 83 84 | 91 92 93 94',
    ].join(' '),
    value: {
      host_id: 0x0304,
      num_regions: 4,
      regions_returned: 1,
      region_configs: [
        {
          base: 0x1716151413121110n,
          decode_len: 0x2726252423222120n,
          region_len: 0x3736353433323130n,
          block_size: 0x4746454443424140n,
          flags: 1,
          sanitize_on_release: 2,
        },
      ],
      num_extents_supported: 0x64636261,
      num_extents_available: 0x74737271,
      num_tags_supported: 0x84838281,
      num_tags_available: 0x94939291,
    },
  }),
  vector({
    layout: req('fmapi_set_dc_region_config'),
    source: `CXL r3.2 §7.6.7.6.3; ${lib('cxlmi_cmd_fmapi_set_dc_region_config_req')}`,
    // region id | rsvd (3) | block size | sanitize on release | rsvd (3)
    hex: '03 | 00 00 00 | 10 11 12 13 14 15 16 17 | 01 | 00 00 00',
    value: { region_id: 3, block_sz: 0x1716151413121110n, sanitize_on_release: 1 },
  }),
  vector({
    layout: req('fmapi_get_dc_region_ext_list'),
    source: `CXL r3.2 §7.6.7.6.4; ${lib('cxlmi_cmd_fmapi_get_dc_region_ext_list_req')}`,
    // host id | rsvd (2) | extent count | start index
    hex: '02 01 | 00 00 | 11 12 13 14 | 21 22 23 24',
    value: { host_id: 0x0102, extent_count: 0x14131211, start_ext_index: 0x24232221 },
  }),
  vector({
    layout: rsp('fmapi_get_dc_region_ext_list'),
    source: `CXL r3.2 §7.6.7.6.4; ${lib('cxlmi_cmd_fmapi_get_dc_region_ext_list_rsp, cxlmi_fmapi_dc_extent')}`,
    hex: [
      // host id | rsvd (2) | start index | returned | total | generation | rsvd (4)
      '04 03 | 00 00 | 11 12 13 14 | 01 00 00 00 | 21 22 23 24 | 31 32 33 34 | 00 00 00 00',
      // start DPA | length | tag | shared sequence | rsvd (6)
      '| 40 41 42 43 44 45 46 47 | 50 51 52 53 54 55 56 57 |',
      seq(0xe0, 16),
      '| 62 61 |',
      z(6),
    ].join(' '),
    value: {
      host_id: 0x0304,
      start_ext_index: 0x14131211,
      extents_returned: 1,
      total_extents: 0x24232221,
      list_generation_num: 0x34333231,
      extents: [
        {
          start_dpa: 0x4746454443424140n,
          len: 0x5756555453525150n,
          tag: hex(seq(0xe0, 16)),
          shared_seq: 0x6162,
        },
      ],
    },
  }),
  vector({
    layout: req('fmapi_initiate_dc_add'),
    source: `CXL r3.2 §7.6.7.6.5; ${lib('cxlmi_cmd_fmapi_initiate_dc_add_req')}; QEMU cmd_fm_initiate_dc_add`,
    hex: [
      // host id | selection policy | region | length | tag (16) | extent count | extents
      '02 01 | 03 | 04 | 10 11 12 13 14 15 16 17 |',
      seq(0xa0, 16),
      '| 01 00 00 00 | 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 |',
      seq(0xc0, 16),
      '| 42 41 |',
      z(6),
    ].join(' '),
    value: {
      host_id: 0x0102,
      selection_policy: 3,
      region_num: 4,
      length: 0x1716151413121110n,
      tag: hex(seq(0xa0, 16)),
      ext_count: 1,
      extents: [
        {
          start_dpa: 0x2726252423222120n,
          len: 0x3736353433323130n,
          tag: hex(seq(0xc0, 16)),
          shared_seq: 0x4142,
        },
      ],
    },
  }),
  vector({
    layout: req('fmapi_initiate_dc_release'),
    source: `CXL r3.2 §7.6.7.6.6; ${lib('cxlmi_cmd_fmapi_initiate_dc_release_req')}; QEMU cmd_fm_initiate_dc_release`,
    hex: [
      // host id | flags | rsvd | length | tag (16) | extent count | extents
      '06 05 | 31 | 00 | 10 11 12 13 14 15 16 17 |',
      seq(0xb0, 16),
      '| 01 00 00 00 | 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 |',
      seq(0xd0, 16),
      '| 44 43 |',
      z(6),
    ].join(' '),
    value: {
      host_id: 0x0506,
      flags: 0x31,
      length: 0x1716151413121110n,
      tag: hex(seq(0xb0, 16)),
      ext_count: 1,
      extents: [
        {
          start_dpa: 0x2726252423222120n,
          len: 0x3736353433323130n,
          tag: hex(seq(0xd0, 16)),
          shared_seq: 0x4344,
        },
      ],
    },
  }),
  vector({
    layout: req('fmapi_dc_add_reference'),
    source: `CXL r3.2 §7.6.7.6.7; ${lib('cxlmi_cmd_fmapi_dc_add_ref_req')}`,
    hex: seq(0x70, 16),
    value: { tag: hex(seq(0x70, 16)) },
  }),
  vector({
    layout: req('fmapi_dc_remove_reference'),
    source: `CXL r3.2 §7.6.7.6.8; ${lib('cxlmi_cmd_fmapi_dc_remove_ref_req')}`,
    hex: seq(0x90, 16),
    value: { tag: hex(seq(0x90, 16)) },
  }),
  vector({
    layout: req('fmapi_dc_list_tags'),
    source: `CXL r3.2 §7.6.7.6.9; ${lib('cxlmi_cmd_fmapi_dc_list_tags_req')}`,
    hex: '01 02 03 04 | 15 16 17 18',
    value: { start_idx: 0x04030201, tags_count: 0x18171615 },
  }),
  vector({
    layout: rsp('fmapi_dc_list_tags'),
    source: `CXL r3.2 §7.6.7.6.9; ${lib('cxlmi_cmd_fmapi_dc_list_tags_rsp, cxlmi_cmd_fmapi_dc_tag_info')}`,
    hex: [
      // generation | total tags | returned | validity bitmap | rsvd (3)
      '11 12 13 14 | 21 22 23 24 | 01 00 00 00 | 03 | 00 00 00 |',
      // tag (16) | flags | rsvd (3) | reference bitmap (32) | pending reference bitmap (32)
      seq(0x30, 16),
      '| 05 | 00 00 00 |',
      seq(0x40, 32),
      seq(0x80, 32),
    ].join(' '),
    value: {
      generation_num: 0x14131211,
      total_num_tags: 0x24232221,
      num_tags_returned: 1,
      validity_bitmap: 3,
      tags_list: [
        {
          tag: hex(seq(0x30, 16)),
          flags: 5,
          ref_bitmap: hex(seq(0x40, 32)),
          pending_ref_bitmap: hex(seq(0x80, 32)),
        },
      ],
    },
  }),
];
