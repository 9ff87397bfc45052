/** Persistent Memory Data-at-rest Security command set (0x45), CXL r3.1 §8.2.9.9.6. */
import { bitfield, bytes, reserved, struct, u8, u32 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Passphrase Type values. */
export const CXLMI_PASSPHRASE_TYPE_MASTER = 0;
export const CXLMI_PASSPHRASE_TYPE_USER = 1;

/** Get Security State output payload (§8.2.9.9.6.1). */
export const getSecurityStateRsp = struct('cxlmi_cmd_memdev_get_security_state_rsp', {
  security_state: bitfield(u32, {
    user_passphrase_set: 0,
    master_passphrase_set: 1,
    locked: 2,
    frozen: 3,
    user_passphrase_attempt_count_reached: 4,
    master_passphrase_attempt_count_reached: 5,
  }),
});

export const getSecurityState = defineCommand({
  name: 'memdev_get_security_state',
  method: 'getSecurityState',
  opcode: 0x4500,
  set: 'memdev',
  title: 'Get Security State',
  spec: '8.2.9.9.6.1',
  request: null,
  response: getSecurityStateRsp,
});

/** Set Passphrase input payload (§8.2.9.9.6.2), 0x60 bytes. */
export const setPassphraseReq = struct('cxlmi_cmd_memdev_set_passphrase_req', {
  passphrase_type: u8,
  rsvd: reserved(0x1f),
  current_passphrase: bytes(0x20),
  new_passphrase: bytes(0x20),
});

export const setPassphrase = defineCommand({
  name: 'memdev_set_passphrase',
  method: 'setPassphrase',
  opcode: 0x4501,
  set: 'memdev',
  title: 'Set Passphrase',
  spec: '8.2.9.9.6.2',
  request: setPassphraseReq,
  response: null,
});

/** Disable Passphrase input payload (§8.2.9.9.6.3), 0x40 bytes. */
export const disablePassphraseReq = struct('cxlmi_cmd_memdev_disable_passphrase_req', {
  passphrase_type: u8,
  rsvd: reserved(0x1f),
  passphrase: bytes(0x20),
});

export const disablePassphrase = defineCommand({
  name: 'memdev_disable_passphrase',
  method: 'disablePassphrase',
  opcode: 0x4502,
  set: 'memdev',
  title: 'Disable Passphrase',
  spec: '8.2.9.9.6.3',
  request: disablePassphraseReq,
  response: null,
});

/** Unlock input payload (§8.2.9.9.6.4): the user passphrase. */
export const unlockReq = struct('cxlmi_cmd_memdev_unlock_req', { current_passphrase: bytes(0x20) });

export const unlock = defineCommand({
  name: 'memdev_unlock',
  method: 'unlock',
  opcode: 0x4503,
  set: 'memdev',
  title: 'Unlock',
  spec: '8.2.9.9.6.4',
  request: unlockReq,
  response: null,
});

export const freezeSecurityState = defineCommand({
  name: 'memdev_freeze_security_state',
  method: 'freezeSecurityState',
  opcode: 0x4504,
  set: 'memdev',
  title: 'Freeze Security State',
  spec: '8.2.9.9.6.5',
  request: null,
  response: null,
});

/** Passphrase Secure Erase input payload (§8.2.9.9.6.6), 0x40 bytes. */
export const passphraseSecureEraseReq = struct('cxlmi_cmd_memdev_passphrase_secure_erase_req', {
  passphrase_type: u8,
  rsvd: reserved(0x1f),
  passphrase: bytes(0x20),
});

export const passphraseSecureErase = defineCommand({
  name: 'memdev_passphrase_secure_erase',
  method: 'passphraseSecureErase',
  opcode: 0x4505,
  set: 'memdev',
  title: 'Passphrase Secure Erase',
  spec: '8.2.9.9.6.6',
  request: passphraseSecureEraseReq,
  response: null,
});
