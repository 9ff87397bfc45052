/**
 * Vectors for the Generic Component command sets (CXL r3.1 §8.2.9.1-8.2.9.6). Byte offsets from
 * the spec's tables as libcxlmi's packed structs (src/cxlmi/api-types.h) and QEMU's
 * hw/cxl/cxl-mailbox-utils.c record them. Every field holds a value no same-width sibling holds.
 */
import { ascii, hex, type LayoutVector, req, rsp, seq, vector, z } from './vector.js';

const lib = (s: string) => `libcxlmi struct ${s}`;

export const genericVectors: LayoutVector[] = [
  vector({
    layout: rsp('identify'),
    source: `CXL r3.1 §8.2.9.1.1; ${lib('cxlmi_cmd_identify_rsp')}; QEMU cmd_infostat_identify`,
    // vendor | device | subsys vendor | subsys id | serial (8) | max msg size | component type
    hex: '86 80 | 0d 0e | 34 12 | 78 56 | 10 11 12 13 14 15 16 17 | 0c | 03',
    value: {
      vendor_id: 0x8086,
      device_id: 0x0e0d,
      subsys_vendor_id: 0x1234,
      subsys_id: 0x5678,
      serial_num: 0x1716151413121110n,
      max_msg_size: 0x0c,
      component_type: 0x03,
    },
  }),
  vector({
    layout: rsp('identify'),
    source: 'CXL 2.0 Identify output: 17 bytes, no Component Type',
    note: 'before r3.0',
    hex: '86 80 | 0d 0e | 34 12 | 78 56 | 10 11 12 13 14 15 16 17 | 0c',
    value: {
      vendor_id: 0x8086,
      device_id: 0x0e0d,
      subsys_vendor_id: 0x1234,
      subsys_id: 0x5678,
      serial_num: 0x1716151413121110n,
      max_msg_size: 0x0c,
    },
  }),
  vector({
    layout: rsp('bg_op_status'),
    source: `CXL r3.1 §8.2.9.1.2; ${lib('cxlmi_cmd_bg_op_status_rsp')}`,
    // status (bit 0 in progress, 7:1 percent) | rsvd | opcode | return code | vendor status
    hex: '4b | 00 | 00 44 | 21 03 | 65 87',
    value: { status: 0x4b, opcode: 0x4400, returncode: 0x0321, vendor_ext_status: 0x8765 },
  }),
  vector({
    layout: rsp('get_response_msg_limit'),
    source: `CXL r3.1 §8.2.9.1.3; ${lib('cxlmi_cmd_get_response_msg_limit_rsp')}`,
    hex: '0d',
    value: { limit: 13 },
  }),
  vector({
    layout: req('set_response_msg_limit'),
    source: `CXL r3.1 §8.2.9.1.4; ${lib('cxlmi_cmd_set_response_msg_limit_req')}`,
    hex: '0a',
    value: { limit: 10 },
  }),
  vector({
    layout: rsp('set_response_msg_limit'),
    source: `CXL r3.1 §8.2.9.1.4; ${lib('cxlmi_cmd_set_response_msg_limit_rsp')}`,
    hex: '09',
    value: { limit: 9 },
  }),
  vector({
    layout: req('get_event_records'),
    source: `CXL r3.1 §8.2.9.2.2; ${lib('cxlmi_cmd_get_event_records_req')}`,
    hex: '02',
    value: { event_log: 2 },
  }),
  vector({
    layout: rsp('get_event_records'),
    source: `CXL r3.1 §8.2.9.2.2 and the Common Event Record; ${lib('cxlmi_cmd_get_event_records_rsp, cxlmi_event_record')}`,
    hex: [
      // flags | rsvd | overflow error count | first overflow ts | last overflow ts | record count | rsvd
      '03 | 00 | 34 12 | 10 11 12 13 14 15 16 17 | 20 21 22 23 24 25 26 27 | 01 00 | ',
      z(10),
      // record: uuid | length | flags (3) | handle | related handle | timestamp | maint class |
      // maint subclass | LD-ID | head id | rsvd (11) | data (50h)
      seq(0xa0, 16),
      '| 80 | 05 06 07 | 45 23 | 67 45 | 30 31 32 33 34 35 36 37 | 02 | 03 | 89 67 | 04 |',
      z(11),
      seq(0x40, 0x50),
    ].join(' '),
    value: {
      flags: 3,
      overflow_err_count: 0x1234,
      first_overflow_timestamp: 0x1716151413121110n,
      last_overflow_timestamp: 0x2726252423222120n,
      record_count: 1,
      records: [
        {
          uuid: 'a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf',
          length: 0x80,
          flags: 0x070605,
          handle: 0x2345,
          related_handle: 0x4567,
          timestamp: 0x3736353433323130n,
          maint_op_class: 2,
          maint_op_subclass: 3,
          ld_id: 0x6789,
          head_id: 4,
          data: hex(seq(0x40, 0x50)),
        },
      ],
    },
  }),
  vector({
    layout: req('clear_event_records'),
    source: `CXL r3.1 §8.2.9.2.3; ${lib('cxlmi_cmd_clear_event_records_req')}`,
    // event log | clear flags | number of handles | rsvd (3) | handles
    hex: '03 | 01 | 02 | 00 00 00 | 21 43 | 65 87',
    value: { event_log: 3, clear_flags: 1, nr_recs: 2, handles: [0x4321, 0x8765] },
  }),
  vector({
    layout: rsp('get_event_interrupt_policy'),
    source: `CXL r3.1 §8.2.9.2.4; ${lib('cxlmi_cmd_get_event_interrupt_policy_rsp')}`,
    // informational | warning | failure | fatal | dynamic capacity (mode 1:0, message number 7:4)
    hex: '11 | 21 | 32 | 42 | 51',
    value: {
      informational_settings: 0x11,
      warning_settings: 0x21,
      failure_settings: 0x32,
      fatal_settings: 0x42,
      dcd_settings: 0x51,
    },
  }),
  vector({
    layout: req('set_event_interrupt_policy'),
    source: `CXL r3.1 §8.2.9.2.5; ${lib('cxlmi_cmd_set_event_interrupt_policy_req')}`,
    hex: '61 | 72 | 01 | 12 | 22',
    value: {
      informational_settings: 0x61,
      warning_settings: 0x72,
      failure_settings: 0x01,
      fatal_settings: 0x12,
      dcd_settings: 0x22,
    },
  }),
  vector({
    layout: rsp('get_mctp_event_interrupt_policy'),
    source: `CXL r3.1 §8.2.9.2.6; ${lib('cxlmi_cmd_get_mctp_event_interrupt_policy_rsp')}`,
    hex: '15 80',
    value: { event_interrupt_settings: 0x8015 },
  }),
  vector({
    layout: req('set_mctp_event_interrupt_policy'),
    source: `CXL r3.1 §8.2.9.2.7; ${lib('cxlmi_cmd_set_mctp_event_interrupt_policy_req')}`,
    hex: '0b 80',
    value: { event_interrupt_settings: 0x800b },
  }),
  vector({
    layout: rsp('set_mctp_event_interrupt_policy'),
    source: 'CXL r3.1 §8.2.9.2.7 (the settings echoed)',
    hex: '1e 80',
    value: { event_interrupt_settings: 0x801e },
  }),
  vector({
    layout: req('event_notification'),
    source: `CXL r3.1 §8.2.9.2.8; ${lib('cxlmi_cmd_event_notification_req')}`,
    hex: '13 80',
    value: { event: 0x8013 },
  }),
  vector({
    layout: rsp('get_fw_info'),
    source: `CXL r3.1 §8.2.9.3.1; ${lib('cxlmi_cmd_get_fw_info_rsp')}; QEMU cmd_firmware_update_get_info`,
    // slots supported | slot info (active 2:0, staged 5:3) | capabilities | rsvd (13) | 4 revisions of 16
    hex: [
      '04 | 1a | 01 |',
      z(13),
      ascii('rev-one', 16),
      ascii('rev-two', 16),
      ascii('rev-three', 16),
      ascii('rev-four', 16),
    ].join(' '),
    value: {
      slots_supported: 4,
      slot_info: 0x1a,
      caps: 1,
      fw_rev1: 'rev-one',
      fw_rev2: 'rev-two',
      fw_rev3: 'rev-three',
      fw_rev4: 'rev-four',
    },
  }),
  vector({
    layout: req('transfer_fw'),
    source: `CXL r3.1 §8.2.9.3.2; ${lib('cxlmi_cmd_transfer_fw_req')} (data at 80h)`,
    // action | slot | rsvd (2) | offset (128-byte units) | rsvd (78h) | data
    hex: ['02 | 03 | 00 00 | 05 06 07 08 |', z(0x78), 'de ad be ef'].join(' '),
    value: { action: 2, slot: 3, offset: 0x08070605, data: hex('de ad be ef') },
  }),
  vector({
    layout: req('activate_fw'),
    source: `CXL r3.1 §8.2.9.3.3; ${lib('cxlmi_cmd_activate_fw_req')}`,
    hex: '01 | 02',
    value: { action: 1, slot: 2 },
  }),
  vector({
    layout: rsp('get_timestamp'),
    source: `CXL r3.1 §8.2.9.4.1; ${lib('cxlmi_cmd_get_timestamp_rsp')}`,
    hex: '01 02 03 04 05 06 07 18',
    value: { timestamp: 0x1807060504030201n },
  }),
  vector({
    layout: req('set_timestamp'),
    source: `CXL r3.1 §8.2.9.4.2; ${lib('cxlmi_cmd_set_timestamp_req')}`,
    hex: '88 77 66 55 44 33 22 11',
    value: { timestamp: 0x1122334455667788n },
  }),
  vector({
    layout: rsp('get_supported_logs'),
    source: `CXL r3.1 §8.2.9.5.1; ${lib('cxlmi_cmd_get_supported_logs_rsp, cxlmi_supported_log_entry')}`,
    // number of entries | rsvd (6) | entries: uuid, log size
    hex: ['02 00 |', z(6), seq(0x10, 16), '| 01 02 03 04 |', seq(0x30, 16), '| 05 06 07 08'].join(' '),
    value: {
      num_supported_log_entries: 2,
      entries: [
        { uuid: '10111213-1415-1617-1819-1a1b1c1d1e1f', log_size: 0x04030201 },
        { uuid: '30313233-3435-3637-3839-3a3b3c3d3e3f', log_size: 0x08070605 },
      ],
    },
  }),
  vector({
    layout: req('get_log'),
    source: `CXL r3.1 §8.2.9.5.2; ${lib('cxlmi_cmd_get_log_req')}`,
    hex: `${seq(0x50, 16)} | 01 02 03 04 | 05 06 07 08`,
    value: { uuid: '50515253-5455-5657-5859-5a5b5c5d5e5f', offset: 0x04030201, length: 0x08070605 },
  }),
  vector({
    layout: rsp('get_log'),
    source: 'CXL r3.1 §8.2.9.5.2: the log data, as many bytes as asked',
    hex: 'c1 c2 c3',
    value: { data: hex('c1 c2 c3') },
  }),
  vector({
    layout: req('get_log_capabilities'),
    source: `CXL r3.1 §8.2.9.5.3; ${lib('cxlmi_cmd_get_log_capabilities_req')}`,
    hex: seq(0x60, 16),
    value: { uuid: '60616263-6465-6667-6869-6a6b6c6d6e6f' },
  }),
  vector({
    layout: rsp('get_log_capabilities'),
    source: `CXL r3.1 §8.2.9.5.3; ${lib('cxlmi_cmd_get_log_capabilities_rsp')}`,
    hex: '0b 10 20 30',
    value: { parameter_flags: 0x3020100b },
  }),
  vector({
    layout: req('clear_log'),
    source: `CXL r3.1 §8.2.9.5.4; ${lib('cxlmi_cmd_clear_log_req')}`,
    hex: seq(0x70, 16),
    value: { uuid: '70717273-7475-7677-7879-7a7b7c7d7e7f' },
  }),
  vector({
    layout: req('populate_log'),
    source: `CXL r3.1 §8.2.9.5.5; ${lib('cxlmi_cmd_populate_log_req')}`,
    hex: seq(0x80, 16),
    value: { uuid: '80818283-8485-8687-8889-8a8b8c8d8e8f' },
  }),
  vector({
    layout: req('get_supported_logs_sublist'),
    source: `CXL r3.1 §8.2.9.5.6; ${lib('cxlmi_cmd_get_supported_logs_sublist_req')}`,
    hex: '07 | 03',
    value: { max_supported_log_entries: 7, start_log_entry_index: 3 },
  }),
  vector({
    layout: rsp('get_supported_logs_sublist'),
    source: `CXL r3.1 §8.2.9.5.6; ${lib('cxlmi_cmd_get_supported_logs_sublist_rsp')}`,
    // returned entries | rsvd | total entries | start index | rsvd (3) | entries
    hex: ['01 | 00 | 09 00 | 04 | 00 00 00 |', seq(0x90, 16), '| 0a 0b 0c 0d'].join(' '),
    value: {
      num_supported_log_entries: 1,
      total_num_supported_log_entries: 9,
      start_log_entry_index: 4,
      entries: [{ uuid: '90919293-9495-9697-9899-9a9b9c9d9e9f', log_size: 0x0d0c0b0a }],
    },
  }),
  vector({
    layout: req('get_supported_features'),
    source: `CXL r3.1 §8.2.9.6.1; ${lib('cxlmi_cmd_get_supported_features_req')}`,
    // count (bytes) | starting feature index | rsvd (2)
    hex: '30 01 02 03 | 05 04 | 00 00',
    value: { count: 0x03020130, starting_feature_index: 0x0405 },
  }),
  vector({
    layout: rsp('get_supported_features'),
    source: `CXL r3.1 §8.2.9.6.1; ${lib('cxlmi_cmd_get_supported_features_rsp')}`,
    hex: [
      // entries | device supported features | rsvd (4)
      '01 00 | 0c 00 |',
      z(4),
      // feature id | index | get size | set size | attribute flags (4) | get version | set version |
      // set feature effects | rsvd (18)
      seq(0xb0, 16),
      '| 02 03 | 04 05 | 06 07 | 71 00 01 02 | 08 | 09 | 11 02 |',
      z(18),
    ].join(' '),
    value: {
      num_supported_feature_entries: 1,
      device_supported_features: 12,
      supported_feature_entries: [
        {
          feature_id: 'b0b1b2b3-b4b5-b6b7-b8b9-babbbcbdbebf',
          feature_index: 0x0302,
          get_feature_size: 0x0504,
          set_feature_size: 0x0706,
          attribute_flags: 0x02010071,
          get_feature_version: 8,
          set_feature_version: 9,
          set_feature_effects: 0x0211,
        },
      ],
    },
  }),
  vector({
    layout: req('get_feature'),
    source: `CXL r3.1 §8.2.9.6.2; ${lib('cxlmi_cmd_get_feature_req')}`,
    // feature id | offset | count | selection
    hex: `${seq(0xc0, 16)} | 34 12 | 78 56 | 02`,
    value: {
      feature_id: 'c0c1c2c3-c4c5-c6c7-c8c9-cacbcccdcecf',
      offset: 0x1234,
      count: 0x5678,
      selection: 2,
    },
  }),
  vector({
    layout: rsp('get_feature'),
    source: 'CXL r3.1 §8.2.9.6.2: the feature data',
    hex: 'f1 f2',
    value: { feature_data: hex('f1 f2') },
  }),
  vector({
    layout: req('set_feature'),
    source: `CXL r3.1 §8.2.9.6.3; ${lib('cxlmi_cmd_set_feature_req')}`,
    // feature id | flags (4) | offset | version | rsvd (9) | data
    hex: [seq(0xd0, 16), '| 0a 01 02 03 | 34 12 | 05 |', z(9), 'e1 e2 e3'].join(' '),
    value: {
      feature_id: 'd0d1d2d3-d4d5-d6d7-d8d9-dadbdcdddedf',
      set_feature_flags: 0x0302010a,
      offset: 0x1234,
      version: 5,
      feature_data: hex('e1 e2 e3'),
    },
  }),
];
