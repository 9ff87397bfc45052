/**
 * Event record data decoding by UUID. Each vector is the 0x50 bytes that follow the Common Event
 * Record header (record offsets 30h-7Fh), written from the spec table named in the test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEventData, EVENT_RECORD_KINDS } from '../../../src/commands/generic/events/index.js';
import { hex, zeros } from './hex.js';

describe('event record kinds', () => {
  it('General Media (Table 8-45)', () => {
    const data = hex(`
      41 56 34 12 00 00 00 00   # 30h physical address: DPA 0x12345640, bit0 volatile
      05                        # 38h descriptor: uncorrectable, poison list overflow
      04                        # 39h memory event type: scrub media ECC error
      01                        # 3Ah transaction type: host read
      0b 00                     # 3Bh validity: channel, rank, component id
      02 01                     # 3Dh channel, 3Eh rank
      10 20 00                  # 3Fh device bitmask 0x002010
      aa ${zeros(14)} bb        # 42h component identifier
      02                        # 52h threshold event flags: threshold exceeded
      2a 00 00                  # 53h corrected memory error count 42
      00                        # 56h sub-type
      ${zeros(0x29)}            # 57h reserved`);
    const e = decodeEventData(EVENT_RECORD_KINDS.general_media.uuid, data);
    assert.equal(e.kind, 'general_media');
    if (e.kind !== 'general_media') return;
    assert.equal(e.phys_addr, 0x12345641n);
    assert.equal(e.descriptor_bits.uncorrectable_event, true);
    assert.equal(e.descriptor_bits.threshold_event, false);
    assert.equal(e.descriptor_bits.poison_list_overflow_event, true);
    assert.equal(e.type, 4);
    assert.equal(e.transaction_type, 1);
    assert.equal(e.validity_flags_bits.component_id_valid, true);
    assert.equal(e.validity_flags_bits.device_valid, false);
    assert.equal(e.channel, 2);
    assert.equal(e.rank, 1);
    assert.equal(e.device, 0x002010);
    assert.equal(e.component_id[0], 0xaa);
    assert.equal(e.component_id[15], 0xbb);
    assert.equal(e.cme_threshold_ev_flags_bits.threshold_exceeded, true);
    assert.equal(e.cme_count, 42);
  });

  it('DRAM (Table 8-46)', () => {
    const data = hex(`
      00 10 00 00 00 00 00 00   # 30h physical address 0x1000 (persistent)
      00 00 02                  # 38h descriptor, 39h type media ECC, 3Ah host write
      ff 07                     # 3Bh validity: all eleven fields valid
      03 02                     # 3Dh channel 3, 3Eh rank 2
      08 02 00                  # 3Fh nibble mask 0x000208
      01 05                     # 42h bank group 1, 43h bank 5
      34 12 00                  # 44h row 0x1234
      78 00                     # 47h column 0x78
      01 00 00 00 00 00 00 00   # 49h correction mask 0
      02 00 00 00 00 00 00 00   # 51h correction mask 1
      03 00 00 00 00 00 00 00   # 59h correction mask 2
      00 00 00 00 00 00 00 80   # 61h correction mask 3
      ${zeros(16)}              # 69h component identifier
      01                        # 79h sub-channel
      00 00 00 00               # 7Ah flags, 7Bh CVME count
      03                        # 7Eh sub-type
      00                        # 7Fh reserved`);
    const e = decodeEventData('601dcbb3-9c06-4eab-b8af-4e9bfb5c9624', data);
    assert.equal(e.kind, 'dram');
    if (e.kind !== 'dram') return;
    assert.equal(e.phys_addr, 0x1000n);
    assert.equal(e.transaction_type, 2);
    assert.equal(e.validity_flags, 0x07ff);
    assert.equal(e.validity_flags_bits.sub_channel_valid, true);
    assert.equal(e.nibble_mask, 0x208);
    assert.equal(e.bank_group, 1);
    assert.equal(e.bank, 5);
    assert.equal(e.row, 0x1234);
    assert.equal(e.column, 0x78);
    assert.deepEqual(e.correction_mask, [1n, 2n, 3n, 0x8000000000000000n]);
    assert.equal(e.sub_channel, 1);
    assert.equal(e.sub_type, 3);
  });

  it('Memory Module (Table 8-47)', () => {
    const data = hex(`
      02                        # 30h device event type: temperature change
      01 02 04 32               # 31h health status, media status, additional status, life used 50%
      d8 ff                     # 35h device temperature -40 C
      03 00 00 00               # 37h dirty shutdown count 3
      10 00 00 00               # 3Bh corrected volatile error count 16
      00 01 00 00               # 3Fh corrected persistent error count 256
      01 00                     # 43h validity: component id valid
      ${zeros(16)}              # 45h component id
      00                        # 55h sub-type
      ${zeros(0x2a)}            # 56h reserved`);
    const e = decodeEventData('fe927475-dd59-4339-a586-79bab113b774', data);
    assert.equal(e.kind, 'memory_module');
    if (e.kind !== 'memory_module') return;
    assert.equal(e.event_type, 2);
    assert.equal(e.life_used, 0x32);
    assert.equal(e.device_temperature, -40);
    assert.equal(e.dirty_shutdown_count, 3);
    assert.equal(e.corrected_volatile_error_count, 16);
    assert.equal(e.corrected_persistent_error_count, 256);
    assert.equal(e.validity_flags_bits.component_id_valid, true);
  });

  it('Memory Sparing (Table 8-48)', () => {
    const data = hex(`
      02 01                     # 30h class memory sparing, 31h subclass row sparing
      06                        # 32h flags: hard sparing, device initiated
      00                        # 33h result: success
      7f 02                     # 34h validity: channel..column, sub-channel
      ${zeros(6)}               # 36h reserved
      03 00                     # 3Ch spare resources available: 3 or more
      02 05                     # 3Eh channel, 3Fh rank
      9c a5 00                  # 40h nibble mask 0xA59C
      02 04                     # 43h bank group, 44h bank
      0d 00 00                  # 45h row 13
      06 01                     # 48h column 0x106
      ${zeros(16)}              # 4Ah component id
      01                        # 5Ah sub-channel
      ${zeros(0x25)}            # 5Bh reserved`);
    const e = decodeEventData('e71f3a40-2d29-4092-8a39-4d1c966c7c65', data);
    assert.equal(e.kind, 'memory_sparing');
    if (e.kind !== 'memory_sparing') return;
    assert.equal(e.maint_op_class, 2);
    assert.equal(e.maint_op_subclass, 1);
    assert.deepEqual(e.flags_bits, { query_resources: false, hard_sparing: true, device_initiated: true });
    assert.equal(e.validity_flags_bits.sub_channel_valid, true);
    assert.equal(e.validity_flags_bits.component_id_valid, false);
    assert.equal(e.res_avail, 3);
    assert.equal(e.nibble_mask, 0xa59c);
    assert.equal(e.row, 13);
    assert.equal(e.column, 0x106);
    assert.equal(e.sub_channel, 1);
  });

  it('Physical Switch (r3.2 Table 7-79)', () => {
    const data = hex(`
      05                        # 30h physical port 5
      00                        # 31h event type: link state change
      40 01                     # 32h slot status register 0x0140
      00                        # 34h reserved
      f3                        # 35h config state 3 (DSP); upper bits reserved
      02                        # 36h connected device mode
      00                        # 37h reserved
      04                        # 38h connected device type
      06                        # 39h supported CXL modes
      d0                        # 3Ah max link width 16 (bits 7:6 reserved)
      08 1f 05 04               # 3Bh negotiated width 8, speeds vector, max speed 5, current speed 4
      07 00                     # 3Fh LTSSM state, 40h first lane
      01 00                     # 41h link state flags
      ${zeros(0x3d)}            # 43h reserved`);
    const e = decodeEventData('77cf9271-9c02-470b-9fe4-bc7b75f2da97', data);
    assert.equal(e.kind, 'physical_switch');
    if (e.kind !== 'physical_switch') return;
    assert.equal(e.physical_port_id, 5);
    assert.equal(e.slot_status_reg, 0x0140);
    assert.equal(e.config_state, 3);
    assert.equal(e.connected_device_mode, 2);
    assert.equal(e.connected_device_type, 4);
    assert.equal(e.max_link_width, 0x10);
    assert.equal(e.negotiated_link_width, 8);
    assert.equal(e.max_link_speed, 5);
    assert.equal(e.current_link_speed, 4);
    assert.equal(e.ltssm_state, 7);
    assert.equal(e.link_state_flags, 1);
  });

  it('Virtual Switch (r3.2 Table 7-80)', () => {
    const data = hex(`
      01 03 00 02 07 01         # 30h VCS 1, vPPB 3, binding change, bound LD, port 7, LD 1
      10 00                     # 36h link control register
      20 00                     # 38h slot control register
      ${zeros(0x46)}            # 3Ah reserved`);
    const e = decodeEventData('40d26425-3396-4c4d-a5da-3d47263af425', data);
    assert.equal(e.kind, 'virtual_switch');
    if (e.kind !== 'virtual_switch') return;
    assert.deepEqual(
      [e.vcs_id, e.vppb_id, e.event_type, e.ppb_binding_status, e.ppb_port_id, e.ppb_ld_id],
      [1, 3, 0, 2, 7, 1],
    );
    assert.equal(e.link_control_reg, 0x10);
    assert.equal(e.slot_control_reg, 0x20);
  });

  it('MLD Port (r3.2 Table 7-81)', () => {
    const data = hex(`
      01 04 00 00               # 30h event type ERR_NONFATAL, 31h port 4, reserved
      30 00 00 01 02 03 04 05   # 34h first 8 bytes of the PCIe error message
      ${zeros(0x44)}            # 3Ch reserved`);
    const e = decodeEventData('8dc44363-0c96-4710-b7bf-04bb99534c3f', data);
    assert.equal(e.kind, 'mld_port');
    if (e.kind !== 'mld_port') return;
    assert.equal(e.event_type, 1);
    assert.equal(e.port_id, 4);
    assert.deepEqual([...e.error_message], [0x30, 0, 0, 1, 2, 3, 4, 5]);
  });

  it('Dynamic Capacity (Tables 8-50, 8-51)', () => {
    const data = hex(`
      00 01                     # 30h add capacity, 31h counts valid
      02 00                     # 32h host id 2
      01 01 00 00               # 34h region 1, 35h flags: more, 36h reserved
      00 00 00 40 00 00 00 00   # 38h extent start DPA 0x40000000
      00 00 00 10 00 00 00 00   # 40h extent length 0x10000000
      ${'5a'.repeat(16)}        # 48h tag
      03 00 ${zeros(6)}         # 58h shared extent sequence, reserved
      ${zeros(0x18)}            # 60h reserved
      0c 00 00 00               # 78h available extents 12
      00 01 00 00               # 7Ch available tags 256`);
    const e = decodeEventData('ca95afa7-f183-4018-8c2f-95268e101a2a', data);
    assert.equal(e.kind, 'dynamic_capacity');
    if (e.kind !== 'dynamic_capacity') return;
    assert.equal(e.event_type, 0);
    assert.equal(e.host_id, 2);
    assert.equal(e.updated_region_id, 1);
    assert.equal(e.flags_bits.more, true);
    assert.equal(e.extent.start_dpa, 0x40000000n);
    assert.equal(e.extent.length, 0x10000000n);
    assert.equal(e.extent.tag[15], 0x5a);
    assert.equal(e.extent.shared_extn_seq, 3);
    assert.equal(e.num_avail_extents, 12);
    assert.equal(e.num_avail_tags, 256);
  });

  it('an unknown UUID keeps the raw bytes', () => {
    const data = new Uint8Array(0x50).fill(0xab);
    const e = decodeEventData('11223344-5566-7788-99aa-bbccddeeff00', data);
    assert.equal(e.kind, 'unknown');
    assert.equal(e.data.length, 0x50);
    assert.equal(e.data[0x4f], 0xab);
  });

  it('short data for a known kind is a decode error, not a crash', () => {
    assert.throws(() => decodeEventData(EVENT_RECORD_KINDS.dram.uuid, new Uint8Array(0x20)), {
      name: 'CxlmiDecodeError',
    });
  });
});
