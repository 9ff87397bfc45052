import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  disablePassphrase,
  disablePassphraseReq,
  freezeSecurityState,
  getSecurityState,
  getSecurityStateRsp,
  passphraseSecureErase,
  passphraseSecureEraseReq,
  setPassphrase,
  setPassphraseReq,
  unlock,
  unlockReq,
} from '../../../src/commands/memdev/security.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

const pass = (b: number) => new Uint8Array(32).fill(b);

describe('persistent memory data-at-rest security (45h)', () => {
  it('has the spec opcodes', () => {
    assert.deepEqual(
      [
        getSecurityState,
        setPassphrase,
        disablePassphrase,
        unlock,
        freezeSecurityState,
        passphraseSecureErase,
      ].map((c) => c.opcode),
      [0x4500, 0x4501, 0x4502, 0x4503, 0x4504, 0x4505],
    );
  });

  // Get Security State output (§8.2.9.9.6.1): u32; bits 0 user set, 1 master set, 2 locked,
  // 3 frozen, 4 user attempt limit, 5 master attempt limit.
  it('decodes the security state bits', () => {
    const r = getSecurityStateRsp.decode(hex('15 00 00 00'));
    assert.deepEqual(r.security_state_bits, {
      user_passphrase_set: true,
      master_passphrase_set: false,
      locked: true,
      frozen: false,
      user_passphrase_attempt_count_reached: true,
      master_passphrase_attempt_count_reached: false,
    });
    assert.throws(() => getSecurityStateRsp.decode(hex('15 00 00')), CxlmiDecodeError);
  });

  // Set Passphrase input (§8.2.9.9.6.2, 60h bytes): type u8, reserved[31], current[32], new[32].
  it('encodes Set Passphrase', () => {
    const b = setPassphraseReq.encode({
      passphrase_type: 1,
      current_passphrase: pass(0x11),
      new_passphrase: pass(0x22),
    });
    assert.deepEqual(b, hex(`01 ${zeros(31)} ${'11 '.repeat(32)} ${'22 '.repeat(32)}`));
    assert.equal(setPassphraseReq.size, 0x60);
  });

  // Disable Passphrase and Passphrase Secure Erase (§8.2.9.9.6.3, .6): type, reserved[31], passphrase[32].
  it('encodes Disable Passphrase and Passphrase Secure Erase', () => {
    const expected = hex(`00 ${zeros(31)} ${'33 '.repeat(32)}`);
    assert.deepEqual(disablePassphraseReq.encode({ passphrase_type: 0, passphrase: pass(0x33) }), expected);
    assert.deepEqual(
      passphraseSecureEraseReq.encode({ passphrase_type: 0, passphrase: pass(0x33) }),
      expected,
    );
  });

  // Unlock input (§8.2.9.9.6.4): the current passphrase, 32 bytes.
  it('encodes Unlock and rejects a short passphrase', () => {
    assert.deepEqual(unlockReq.encode({ current_passphrase: pass(0x44) }), hex('44 '.repeat(32)));
    assert.throws(() => unlockReq.decode(new Uint8Array(31)), CxlmiDecodeError);
  });
});
