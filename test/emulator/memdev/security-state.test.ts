import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceReturn } from '../../../src/emulator/device-return.js';
import {
  PassphraseType,
  SecurityState,
  SecurityStateMachine,
} from '../../../src/emulator/memdev/security.js';
import { CXLMI_RET_INPUT, CXLMI_RET_PASSPHRASE, CXLMI_RET_SECURITY } from '../../../src/protocol/retcodes.js';

const code = (c: number) => (e: unknown) => e instanceof DeviceReturn && e.code === c;
const p = (b: number) => new Uint8Array(32).fill(b);

describe('emulated security state machine', () => {
  it('locks on reset once a user passphrase is set', () => {
    const s = new SecurityStateMachine(3, () => {});
    s.setPassphrase(PassphraseType.USER, p(0), p(1));
    assert.equal(s.state(), SecurityState.USER_PASSPHRASE_SET);
    s.reset();
    assert.equal(s.state() & SecurityState.LOCKED, SecurityState.LOCKED);
    s.unlock(p(1));
    assert.equal(s.state() & SecurityState.LOCKED, 0);
  });

  it('counts wrong passphrases up to the limit, then refuses until reset', () => {
    const s = new SecurityStateMachine(2, () => {});
    s.setPassphrase(PassphraseType.USER, p(0), p(1));
    s.reset();
    assert.throws(() => s.unlock(p(2)), code(CXLMI_RET_PASSPHRASE));
    assert.throws(() => s.unlock(p(2)), code(CXLMI_RET_PASSPHRASE));
    assert.ok(s.state() & SecurityState.USER_PASSPHRASE_ATTEMPT_COUNT_REACHED);
    assert.throws(() => s.unlock(p(1)), code(CXLMI_RET_SECURITY));
    s.reset();
    s.unlock(p(1));
  });

  it('refuses changes while frozen and master changes while a user passphrase is set', () => {
    const s = new SecurityStateMachine(3, () => {});
    s.setPassphrase(PassphraseType.USER, p(0), p(1));
    assert.throws(() => s.setPassphrase(PassphraseType.MASTER, p(0), p(9)), code(CXLMI_RET_SECURITY));
    s.freeze();
    assert.throws(() => s.disablePassphrase(PassphraseType.USER, p(1)), code(CXLMI_RET_SECURITY));
    assert.throws(() => s.setPassphrase(7, p(0), p(1)), code(CXLMI_RET_SECURITY));
    s.reset();
    assert.throws(() => s.setPassphrase(7, p(0), p(1)), code(CXLMI_RET_INPUT));
  });

  it('erases with the master passphrase and removes the user passphrase', () => {
    let erased = 0;
    const s = new SecurityStateMachine(3, () => erased++);
    s.setPassphrase(PassphraseType.MASTER, p(0), p(7));
    s.setPassphrase(PassphraseType.USER, p(0), p(1));
    s.reset();
    assert.throws(() => s.passphraseSecureErase(PassphraseType.MASTER, p(1)), code(CXLMI_RET_PASSPHRASE));
    s.passphraseSecureErase(PassphraseType.MASTER, p(7));
    assert.equal(erased, 1);
    assert.equal(s.state(), SecurityState.MASTER_PASSPHRASE_SET);
  });
});
