/**
 * Vectors for the Memory Device command sets (CXL r3.1 §8.2.9.9). Byte offsets from the spec's
 * tables as libcxlmi's packed structs (src/cxlmi/api-types.h), QEMU's hw/cxl/cxl-mailbox-utils.c
 * and the kernel's include/uapi/linux/cxl_mem.h / drivers/cxl/cxlmem.h record them.
 */
import { ascii, hex, type LayoutVector, req, rsp, seq, vector, z } from './vector.js';

const lib = (s: string) => `libcxlmi struct ${s}`;

export const memdevVectors: LayoutVector[] = [
  vector({
    layout: rsp('memdev_identify'),
    source: `CXL r3.1 §8.2.9.9.1.1 (Identify Memory Device output); ${lib('cxlmi_cmd_memdev_identify_rsp')}; kernel struct cxl_mbox_identify`,
    hex: [
      ascii('fw 1.2.3', 16),
      // total | volatile | persistent | partition alignment (all in 256 MiB units)
      '| 10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47',
      // info | warning | failure | fatal event log sizes | LSA size | poison list max MER (3) |
      // inject poison limit | poison caps | QoS telemetry caps | DC event log size
      '| 01 02 | 03 04 | 05 06 | 07 08 | 51 52 53 54 | 61 62 63 | 09 0a | 03 | 02 | 0b 0c',
    ].join(' '),
    value: {
      fw_revision: 'fw 1.2.3',
      total_capacity: 0x1716151413121110n,
      volatile_capacity: 0x2726252423222120n,
      persistent_capacity: 0x3736353433323130n,
      partition_align: 0x4746454443424140n,
      info_event_log_size: 0x0201,
      warning_event_log_size: 0x0403,
      failure_event_log_size: 0x0605,
      fatal_event_log_size: 0x0807,
      lsa_size: 0x54535251,
      poison_list_max_mer: 0x636261,
      inject_poison_limit: 0x0a09,
      poison_caps: 3,
      qos_telemetry_caps: 2,
      dc_event_log_size: 0x0c0b,
    },
  }),
  vector({
    layout: rsp('memdev_get_partition_info'),
    source: `CXL r3.1 §8.2.9.9.2.1 (Get Partition Info output); ${lib('cxlmi_cmd_memdev_get_partition_info_rsp')}; kernel struct cxl_mbox_get_partition_info`,
    // active volatile | active persistent | next volatile | next persistent (256 MiB units)
    hex: '10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47',
    value: {
      active_vmem: 0x1716151413121110n,
      active_pmem: 0x2726252423222120n,
      next_vmem: 0x3736353433323130n,
      next_pmem: 0x4746454443424140n,
    },
  }),
  vector({
    layout: req('memdev_set_partition_info'),
    source: `CXL r3.1 §8.2.9.9.2.2 (Set Partition Info input); ${lib('cxlmi_cmd_memdev_set_partition_info_req')}; kernel struct cxl_mbox_set_partition_info`,
    hex: '01 02 03 04 05 06 07 08 | 01',
    value: { volatile_capacity: 0x0807060504030201n, flags: 1 },
  }),
  vector({
    layout: req('memdev_get_lsa'),
    source: `CXL r3.1 §8.2.9.9.2.3 (Get LSA input); ${lib('cxlmi_cmd_memdev_get_lsa_req')}; kernel struct cxl_mbox_get_lsa`,
    hex: '01 02 03 04 | 15 16 17 18',
    value: { offset: 0x04030201, length: 0x18171615 },
  }),
  vector({
    layout: rsp('memdev_get_lsa'),
    source: 'CXL r3.1 §8.2.9.9.2.3 (Get LSA output: the data)',
    hex: 'a1 a2 a3 a4',
    value: { data: hex('a1 a2 a3 a4') },
  }),
  vector({
    layout: req('memdev_set_lsa'),
    source: `CXL r3.1 §8.2.9.9.2.4 (Set LSA input); ${lib('cxlmi_cmd_memdev_set_lsa_req')}; kernel struct cxl_mbox_set_lsa`,
    // offset | rsvd (4) | data
    hex: '21 22 23 24 | 00 00 00 00 | b1 b2',
    value: { offset: 0x24232221, data: hex('b1 b2') },
  }),
  vector({
    layout: rsp('memdev_get_health_info'),
    source: `CXL r3.1 Table 8-133 (Get Health Info output); ${lib('cxlmi_cmd_memdev_get_health_info_rsp')}; ndctl libcxl's health-info accessors`,
    // health status | media status | additional status | life used | temperature (s16) |
    // dirty shutdowns | corrected volatile | corrected persistent
    hex: '05 | 02 | 19 | 2a | e7 ff | 01 02 03 04 | 11 12 13 14 | 21 22 23 24',
    value: {
      health_status: 5,
      media_status: 2,
      additional_status: 0x19,
      life_used: 42,
      device_temperature: -25,
      dirty_shutdown_count: 0x04030201,
      corrected_volatile_error_count: 0x14131211,
      corrected_persistent_error_count: 0x24232221,
    },
  }),
  vector({
    layout: rsp('memdev_get_alert_config'),
    source: `CXL r3.1 §8.2.9.9.3.2 (Get Alert Configuration output); ${lib('cxlmi_cmd_memdev_get_alert_config_rsp')}; QEMU cmd_get_alert_config`,
    // valid | programmable | life used critical | life used warning | over temp critical |
    // under temp critical | over temp warning | under temp warning | volatile warning | persistent warning
    hex: '03 | 1f | 5a | 4b | 55 01 | f6 ff | 46 02 | fb fe | 64 03 | c8 04',
    value: {
      valid_alerts: 3,
      programmable_alerts: 0x1f,
      life_used_critical_alert_threshold: 90,
      life_used_programmable_warning_threshold: 75,
      device_over_temperature_critical_alert_threshold: 0x0155,
      device_under_temperature_critical_alert_threshold: -10,
      device_over_temperature_programmable_warning_threshold: 0x0246,
      device_under_temperature_programmable_warning_threshold: -261,
      corrected_volatile_mem_error_programmable_warning_threshold: 0x0364,
      corrected_persistent_mem_error_programmable_warning_threshold: 0x04c8,
    },
  }),
  vector({
    layout: req('memdev_set_alert_config'),
    source: `CXL r3.1 §8.2.9.9.3.3 (Set Alert Configuration input); ${lib('cxlmi_cmd_memdev_set_alert_config_req')}; QEMU cmd_set_alert_config`,
    // valid actions | enable actions | life used warning | rsvd | over temp | under temp |
    // volatile warning | persistent warning
    hex: '1d | 04 | 3c | 00 | 50 01 | fb ff | 02 01 | 07 05',
    value: {
      valid_alert_actions: 0x1d,
      enable_alert_actions: 0x04,
      life_used_programmable_warning_threshold: 60,
      device_over_temperature_programmable_warning_threshold: 0x0150,
      device_under_temperature_programmable_warning_threshold: -5,
      corrected_volatile_mem_error_programmable_warning_threshold: 0x0102,
      corrected_persistent_mem_error_programmable_warning_threshold: 0x0507,
    },
  }),
  vector({
    layout: rsp('memdev_get_shutdown_state'),
    source: `CXL r3.1 §8.2.9.9.3.4; ${lib('cxlmi_cmd_memdev_get_shutdown_state_rsp')}`,
    hex: '01',
    value: { state: 1 },
  }),
  vector({
    layout: req('memdev_set_shutdown_state'),
    source: `CXL r3.1 §8.2.9.9.3.5; ${lib('cxlmi_cmd_memdev_set_shutdown_state_req')}; kernel struct cxl_mbox_set_shutdown_state_in`,
    hex: '01',
    value: { state: 1 },
  }),
  vector({
    layout: req('get_poison_list'),
    source: `CXL r3.1 §8.2.9.9.4.1 (Get Poison List input); ${lib('cxlmi_cmd_memdev_get_poison_list_req')}; kernel struct cxl_mbox_poison_in`,
    // physical address | length (64-byte units)
    hex: '40 01 02 03 04 05 06 07 | 11 12 13 14 15 16 17 18',
    value: {
      get_poison_list_phy_addr: 0x0706050403020140n,
      get_poison_list_phy_addr_len: 0x1817161514131211n,
    },
  }),
  vector({
    layout: rsp('get_poison_list'),
    source: `CXL r3.1 §8.2.9.9.4.1 and Table 8-140 (Media Error Record); ${lib('cxlmi_cmd_memdev_get_poison_list_rsp, cxlmi_memdev_media_err_record')}; kernel struct cxl_mbox_poison_out`,
    // flags | rsvd | overflow timestamp | record count | rsvd (14h) | records (address, length, rsvd 4)
    hex: [
      '07 | 00 | 10 11 12 13 14 15 16 17 | 02 00 |',
      z(0x14),
      '41 20 21 22 23 24 25 26 | 31 32 33 34 | 00 00 00 00',
      '| 82 50 51 52 53 54 55 56 | 61 62 63 64 | 00 00 00 00',
    ].join(' '),
    value: {
      poison_list_flags: 7,
      overflow_timestamp: 0x1716151413121110n,
      more_err_media_record_cnt: 2,
      records: [
        { media_err_addr: 0x2625242322212041n, media_err_len: 0x34333231 },
        { media_err_addr: 0x5655545352515082n, media_err_len: 0x64636261 },
      ],
    },
  }),
  vector({
    layout: req('memdev_inject_poison'),
    source: `CXL r3.1 §8.2.9.9.4.2; ${lib('cxlmi_cmd_memdev_inject_poison_req')}; kernel struct cxl_mbox_inject_poison`,
    hex: '40 21 22 23 24 25 26 07',
    value: { inject_poison_phy_addr: 0x0726252423222140n },
  }),
  vector({
    layout: req('memdev_clear_poison'),
    source: `CXL r3.1 §8.2.9.9.4.3; ${lib('cxlmi_cmd_memdev_clear_poison_req')}; kernel struct cxl_mbox_clear_poison`,
    hex: `80 31 32 33 34 35 36 07 | ${seq(0x80, 64)}`,
    value: { clear_poison_phy_addr: 0x0736353433323180n, clear_poison_write_data: hex(seq(0x80, 64)) },
  }),
  vector({
    layout: req('get_scan_media_capabilities'),
    source: `CXL r3.1 §8.2.9.9.4.4; ${lib('cxlmi_cmd_memdev_get_scan_media_capabilities_req')}`,
    hex: '40 01 02 03 04 05 06 07 | 11 12 13 14 15 16 17 18',
    value: {
      get_scan_media_capabilities_start_physaddr: 0x0706050403020140n,
      get_scan_media_capabilities_physaddr_length: 0x1817161514131211n,
    },
  }),
  vector({
    layout: rsp('get_scan_media_capabilities'),
    source: `CXL r3.1 §8.2.9.9.4.4; ${lib('cxlmi_cmd_memdev_get_scan_media_capabilities_rsp')}`,
    hex: 'e8 03 02 01',
    value: { estimated_scan_media_time: 0x010203e8 },
  }),
  vector({
    layout: req('scan_media'),
    source: `CXL r3.1 §8.2.9.9.4.5; ${lib('cxlmi_cmd_memdev_scan_media_req')}`,
    // physical address | length | flags
    hex: '80 01 02 03 04 05 06 07 | 11 12 13 14 15 16 17 18 | 01',
    value: {
      scan_media_physaddr: 0x0706050403020180n,
      scan_media_physaddr_length: 0x1817161514131211n,
      scan_media_flags: 1,
    },
  }),
  vector({
    layout: rsp('get_scan_media_results'),
    source: `CXL r3.1 §8.2.9.9.4.6; ${lib('cxlmi_cmd_memdev_get_scan_media_results_rsp, cxlmi_media_error_record')}`,
    // restart address | restart length | flags | rsvd | error count | rsvd (12) | records
    hex: [
      '40 01 02 03 04 05 06 07 | 11 12 13 14 15 16 17 18 | 03 | 00 | 01 00 |',
      z(12),
      '82 20 21 22 23 24 25 26 | 31 32 33 34 | 00 00 00 00',
    ].join(' '),
    value: {
      scan_media_restart_physaddr: 0x0706050403020140n,
      scan_media_restart_physaddr_length: 0x1817161514131211n,
      scan_media_flags: 3,
      media_error_count: 1,
      record: [{ media_error_address: 0x2625242322212082n, media_error_length: 0x34333231 }],
    },
  }),
  vector({
    layout: req('memdev_media_operations_discovery'),
    source: `CXL r3.2 §8.2.10.9.5.3 (Media Operations, Discovery); ${lib('cxlmi_cmd_memdev_media_operations_discovery_req')}; QEMU media_operations_discovery`,
    // class 0 (general) | subclass 0 (discovery) | rsvd (2) | DPA range count | start index | number of ops
    hex: '00 | 01 | 00 00 | 21 22 23 24 | 03 04 | 05 06',
    value: {
      media_operation_class: 0,
      media_operation_subclass: 1,
      dpa_range_count: 0x24232221,
      discovery_osa: { start_index: 0x0403, num_ops: 0x0605 },
    },
  }),
  vector({
    layout: rsp('memdev_media_operations_discovery'),
    source: `CXL r3.2 §8.2.10.9.5.3; ${lib('cxlmi_cmd_memdev_media_operations_discovery_rsp, cxlmi_cmd_memdev_media_ops_supported_list_entry')}`,
    // DPA range granularity | total supported | returned | entries (class, subclass)
    hex: '40 01 02 03 04 05 06 07 | 05 00 | 02 00 | 01 00 | 02 03',
    value: {
      dpa_range_granularity: 0x0706050403020140n,
      total_supported_ops: 5,
      num_supported_ops: 2,
      entry: [
        { media_op_class: 1, media_op_subclass: 0 },
        { media_op_class: 2, media_op_subclass: 3 },
      ],
    },
  }),
  vector({
    layout: req('memdev_media_operations_sanitize'),
    source: `CXL r3.2 §8.2.10.9.5.3 (Sanitize / Zero); ${lib('cxlmi_cmd_memdev_media_operations_sanitize_req, cxlmi_cmd_memdev_media_ops_dpa_range_list_entry')}`,
    // class 1 (sanitize) | subclass 1 (zero) | rsvd (2) | range count | ranges (start, length)
    hex: '01 | 02 | 00 00 | 01 00 00 00 | 40 11 12 13 14 15 16 17 | 80 21 22 23 24 25 26 27',
    value: {
      media_operation_class: 1,
      media_operation_subclass: 2,
      dpa_range_count: 1,
      dpa_range_list: [{ starting_dpa: 0x1716151413121140n, length: 0x2726252423222180n }],
    },
  }),
  vector({
    layout: rsp('memdev_get_security_state'),
    source: `CXL r3.1 §8.2.9.9.6.1; ${lib('cxlmi_cmd_memdev_get_security_state_rsp')}`,
    hex: '2d 10 20 30',
    value: { security_state: 0x3020102d },
  }),
  vector({
    layout: req('memdev_set_passphrase'),
    source: `CXL r3.1 §8.2.9.9.6.2; ${lib('cxlmi_cmd_memdev_set_passphrase_req')}; kernel struct cxl_set_pass`,
    // type | rsvd (1Fh) | current passphrase (20h) | new passphrase (20h)
    hex: ['01 |', z(0x1f), seq(0x20, 32), seq(0x60, 32)].join(' '),
    value: { passphrase_type: 1, current_passphrase: hex(seq(0x20, 32)), new_passphrase: hex(seq(0x60, 32)) },
  }),
  vector({
    layout: req('memdev_disable_passphrase'),
    source: `CXL r3.1 §8.2.9.9.6.3; ${lib('cxlmi_cmd_memdev_disable_passphrase_req')}; kernel struct cxl_disable_pass`,
    hex: ['01 |', z(0x1f), seq(0x40, 32)].join(' '),
    value: { passphrase_type: 1, passphrase: hex(seq(0x40, 32)) },
  }),
  vector({
    layout: req('memdev_unlock'),
    source: `CXL r3.1 §8.2.9.9.6.4; ${lib('cxlmi_cmd_memdev_unlock_req')}`,
    hex: seq(0xa0, 32),
    value: { current_passphrase: hex(seq(0xa0, 32)) },
  }),
  vector({
    layout: req('memdev_passphrase_secure_erase'),
    source: `CXL r3.1 §8.2.9.9.6.6; ${lib('cxlmi_cmd_memdev_passphrase_secure_erase_req')}; kernel struct cxl_pass_erase`,
    hex: ['01 |', z(0x1f), seq(0xc0, 32)].join(' '),
    value: { passphrase_type: 1, passphrase: hex(seq(0xc0, 32)) },
  }),
  vector({
    layout: req('memdev_security_send'),
    source: `CXL r3.1 §8.2.9.9.7.1 (Security Send input); ${lib('cxlmi_cmd_memdev_security_send_req')}`,
    // security protocol | SP specific (2) | rsvd (5) | data
    hex: '01 | 04 03 | 00 00 00 00 00 | d1 d2 d3',
    value: { security_protocol: 1, sp_specific: 0x0304, data: hex('d1 d2 d3') },
  }),
  vector({
    layout: req('memdev_security_receive'),
    source: `CXL r3.1 §8.2.9.9.7.2 (Security Receive input); ${lib('cxlmi_cmd_memdev_security_receive_req')}`,
    hex: '02 | 06 05 | 00 00 00 00 00',
    value: { security_protocol: 2, sp_specific: 0x0506 },
  }),
  vector({
    layout: rsp('memdev_security_receive'),
    source: 'CXL r3.1 §8.2.9.9.7.2 (Security Receive output: the protocol data)',
    hex: 'e1 e2',
    value: { data: hex('e1 e2') },
  }),
  vector({
    layout: rsp('memdev_get_sld_qos_control'),
    source: `CXL r3.1 §8.2.9.9.8.1; ${lib('cxlmi_cmd_memdev_get_sld_qos_control_rsp')}`,
    // control | moderate % | severe % | sample interval
    hex: '03 | 0a | 32 | 08',
    value: {
      qos_telemetry_control: 3,
      egress_moderate_percentage: 10,
      egress_severe_percentage: 50,
      backpressure_sample_interval: 8,
    },
  }),
  vector({
    layout: req('memdev_set_sld_qos_control'),
    source: `CXL r3.1 §8.2.9.9.8.2; ${lib('cxlmi_cmd_memdev_set_sld_qos_control_req')}`,
    hex: '01 | 14 | 3c | 05',
    value: {
      qos_telemetry_control: 1,
      egress_moderate_percentage: 20,
      egress_severe_percentage: 60,
      backpressure_sample_interval: 5,
    },
  }),
  vector({
    layout: rsp('memdev_get_sld_qos_status'),
    source: `CXL r3.1 §8.2.9.9.8.3; ${lib('cxlmi_cmd_memdev_get_sld_qos_status_rsp')}`,
    hex: '21',
    value: { backpressure_avg_percentage: 0x21 },
  }),
  vector({
    layout: req('memdev_get_dc_config'),
    source: `CXL r3.1 §8.2.9.9.9.1 (Get Dynamic Capacity Configuration input); ${lib('cxlmi_cmd_memdev_get_dc_config_req')}; QEMU cmd_dcd_get_dyn_cap_config`,
    hex: '04 | 02',
    value: { region_cnt: 4, start_region_id: 2 },
  }),
  vector({
    layout: rsp('memdev_get_dc_config'),
    source: `CXL r3.1 §8.2.9.9.9.1 and the DC Region Configuration table; ${lib('cxlmi_cmd_memdev_get_dc_config_rsp, cxlmi_memdev_dc_region_config')}; QEMU cmd_dcd_get_dyn_cap_config`,
    hex: [
      // available regions | regions returned | rsvd (6)
      '03 | 01 |',
      z(6),
      // base | decode length (256 MiB) | region length | block size | DSMAD handle | flags | rsvd (3)
      '10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27 | 30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47 | 51 52 53 54 | 01 | 00 00 00',
      // supported extents | available extents | supported tags | available tags
      '| 61 62 63 64 | 71 72 73 74 | 81 82 83 84 | 91 92 93 94',
    ].join(' '),
    value: {
      num_regions: 3,
      regions_returned: 1,
      region_configs: [
        {
          base: 0x1716151413121110n,
          decode_len: 0x2726252423222120n,
          region_len: 0x3736353433323130n,
          block_size: 0x4746454443424140n,
          dsmadhandle: 0x54535251,
          flags: 1,
        },
      ],
      num_extents_supported: 0x64636261,
      num_extents_available: 0x74737271,
      num_tags_supported: 0x84838281,
      num_tags_available: 0x94939291,
    },
  }),
  vector({
    layout: req('memdev_get_dc_extent_list'),
    source: `CXL r3.1 §8.2.9.9.9.2; ${lib('cxlmi_cmd_memdev_get_dc_extent_list_req')}`,
    hex: '01 02 03 04 | 15 16 17 18',
    value: { extent_cnt: 0x04030201, start_extent_idx: 0x18171615 },
  }),
  vector({
    layout: rsp('memdev_get_dc_extent_list'),
    source: `CXL r3.1 §8.2.9.9.9.2 and the Dynamic Capacity Extent table; ${lib('cxlmi_cmd_memdev_get_dc_extent_list_rsp, cxlmi_memdev_dc_extent')}; the kernel DCD series' struct cxl_extent`,
    hex: [
      // returned | total | generation | rsvd (4)
      '01 00 00 00 | 21 22 23 24 | 31 32 33 34 | 00 00 00 00',
      // start DPA | length | tag (16) | shared sequence | rsvd (6)
      '| 40 41 42 43 44 45 46 47 | 50 51 52 53 54 55 56 57 |',
      seq(0xe0, 16),
      '| 61 62 |',
      z(6),
    ].join(' '),
    value: {
      num_extents_returned: 1,
      total_num_extents: 0x24232221,
      generation_num: 0x34333231,
      extents: [
        {
          start_dpa: 0x4746454443424140n,
          len: 0x5756555453525150n,
          tag: hex(seq(0xe0, 16)),
          shared_seq: 0x6261,
        },
      ],
    },
  }),
  vector({
    layout: req('memdev_add_dc_response'),
    source: `CXL r3.1 §8.2.9.9.9.3 (Add Dynamic Capacity Response input); ${lib('cxlmi_cmd_memdev_add_dc_response_req, cxlmi_memdev_dc_updated_extent')}; the kernel DCD series' struct cxl_mbox_dc_response`,
    // updated extent count | flags | rsvd (3) | extents (start, length, rsvd 8)
    hex: [
      '02 00 00 00 | 01 | 00 00 00 | 10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27 |',
      z(8),
      '30 31 32 33 34 35 36 37 | 40 41 42 43 44 45 46 47 |',
      z(8),
    ].join(' '),
    value: {
      updated_extent_list_size: 2,
      flags: 1,
      extents: [
        { start_dpa: 0x1716151413121110n, len: 0x2726252423222120n },
        { start_dpa: 0x3736353433323130n, len: 0x4746454443424140n },
      ],
    },
  }),
  vector({
    layout: req('memdev_release_dc'),
    source: `CXL r3.1 §8.2.9.9.9.4 (Release Dynamic Capacity input); ${lib('cxlmi_cmd_memdev_release_dc_req')}; the kernel DCD series' struct cxl_mbox_dc_response`,
    hex: ['01 00 00 00 | 01 | 00 00 00 | 50 51 52 53 54 55 56 57 | 60 61 62 63 64 65 66 67 |', z(8)].join(
      ' ',
    ),
    value: {
      updated_extent_list_size: 1,
      flags: 1,
      extents: [{ start_dpa: 0x5756555453525150n, len: 0x6766656463626160n }],
    },
  }),
];
