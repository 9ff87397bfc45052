import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_PASSPHRASE, CXLMI_RET_SECURITY } from '../../../src/protocol/retcodes.js';
import { passphrase, rig } from './setup.js';

const rejectsWith = (code: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === code;
const USER = 1;
const MASTER = 0;

describe('scenario: passphrase → locked → unlock (wrong, then right) → freeze', () => {
  it('walks the security state machine', async () => {
    const { ep, device } = rig();
    let s = await ep.getSecurityState();
    assert.equal(s.security_state, 0);

    await ep.setPassphrase({
      passphrase_type: USER,
      current_passphrase: new Uint8Array(32),
      new_passphrase: passphrase('hunter2'),
    });
    s = await ep.getSecurityState();
    assert.deepEqual(s.security_state_bits, {
      user_passphrase_set: true,
      master_passphrase_set: false,
      locked: false,
      frozen: false,
      user_passphrase_attempt_count_reached: false,
      master_passphrase_attempt_count_reached: false,
    });

    // Power cycle: a device with a user passphrase comes up locked.
    device.reset();
    s = await ep.getSecurityState();
    assert.equal(s.security_state_bits.locked, true);
    // Locked: no repartitioning, no sanitize.
    await assert.rejects(
      ep.setPartitionInfo({ volatile_capacity: 2n, flags: 0 }),
      rejectsWith(CXLMI_RET_SECURITY),
    );

    await assert.rejects(
      ep.unlock({ current_passphrase: passphrase('hunter3') }),
      rejectsWith(CXLMI_RET_PASSPHRASE),
    );
    s = await ep.getSecurityState();
    assert.equal(s.security_state_bits.locked, true);
    await ep.unlock({ current_passphrase: passphrase('hunter2') });
    s = await ep.getSecurityState();
    assert.equal(s.security_state_bits.locked, false);
    // Unlocking an unlocked device is an invalid security state.
    await assert.rejects(
      ep.unlock({ current_passphrase: passphrase('hunter2') }),
      rejectsWith(CXLMI_RET_SECURITY),
    );

    await ep.freezeSecurityState();
    s = await ep.getSecurityState();
    assert.equal(s.security_state_bits.frozen, true);
    await assert.rejects(
      ep.disablePassphrase({ passphrase_type: USER, passphrase: passphrase('hunter2') }),
      rejectsWith(CXLMI_RET_SECURITY),
    );
    await assert.rejects(
      ep.setPassphrase({
        passphrase_type: USER,
        current_passphrase: passphrase('hunter2'),
        new_passphrase: passphrase('x'),
      }),
      rejectsWith(CXLMI_RET_SECURITY),
    );
  });

  it('stops accepting passphrases at the retry limit until the next reset', async () => {
    const { ep, device } = rig({ passphraseRetryLimit: 2 });
    await ep.setPassphrase({
      passphrase_type: USER,
      current_passphrase: new Uint8Array(32),
      new_passphrase: passphrase('pw'),
    });
    device.reset();
    for (let i = 0; i < 2; i++) {
      await assert.rejects(
        ep.unlock({ current_passphrase: passphrase('nope') }),
        rejectsWith(CXLMI_RET_PASSPHRASE),
      );
    }
    const s = await ep.getSecurityState();
    assert.equal(s.security_state_bits.user_passphrase_attempt_count_reached, true);
    await assert.rejects(
      ep.unlock({ current_passphrase: passphrase('pw') }),
      rejectsWith(CXLMI_RET_SECURITY),
    );
    device.reset();
    await ep.unlock({ current_passphrase: passphrase('pw') });
  });

  it('disables a passphrase only when given the right one', async () => {
    const { ep, device } = rig();
    await ep.setPassphrase({
      passphrase_type: USER,
      current_passphrase: new Uint8Array(32),
      new_passphrase: passphrase('old'),
    });
    // Changing it needs the current one.
    await assert.rejects(
      ep.setPassphrase({
        passphrase_type: USER,
        current_passphrase: passphrase('x'),
        new_passphrase: passphrase('new'),
      }),
      rejectsWith(CXLMI_RET_PASSPHRASE),
    );
    await ep.setPassphrase({
      passphrase_type: USER,
      current_passphrase: passphrase('old'),
      new_passphrase: passphrase('new'),
    });
    device.reset();
    await assert.rejects(
      ep.disablePassphrase({ passphrase_type: USER, passphrase: passphrase('old') }),
      rejectsWith(CXLMI_RET_PASSPHRASE),
    );
    await ep.disablePassphrase({ passphrase_type: USER, passphrase: passphrase('new') });
    const s = await ep.getSecurityState();
    assert.equal(s.security_state, 0, 'no passphrase, not locked');
    await assert.rejects(
      ep.disablePassphrase({ passphrase_type: MASTER, passphrase: passphrase('new') }),
      rejectsWith(CXLMI_RET_SECURITY),
    );
  });

  it('erases user data with the master passphrase', async () => {
    const { ep, device } = rig();
    await ep.setPassphrase({
      passphrase_type: MASTER,
      current_passphrase: new Uint8Array(32),
      new_passphrase: passphrase('boss'),
    });
    await ep.setPassphrase({
      passphrase_type: USER,
      current_passphrase: new Uint8Array(32),
      new_passphrase: passphrase('me'),
    });
    device.memdev.media.write(0x40n, Uint8Array.of(1, 2, 3));
    device.reset();
    await ep.passphraseSecureErase({ passphrase_type: MASTER, passphrase: passphrase('boss') });
    const s = await ep.getSecurityState();
    assert.equal(s.security_state_bits.user_passphrase_set, false);
    assert.equal(s.security_state_bits.locked, false);
    assert.deepEqual(device.memdev.media.read(0x40n, 3), Uint8Array.of(0, 0, 0));
  });
});
