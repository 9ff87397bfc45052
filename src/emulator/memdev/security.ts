/**
 * Persistent Memory Data-at-rest Security (CXL r3.1 8.2.9.9.6): user and master passphrases,
 * locked / unlocked / frozen, and per-passphrase attempt limits that hold until the next reset.
 */
import { CXLMI_RET_INPUT, CXLMI_RET_PASSPHRASE, CXLMI_RET_SECURITY } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

/** Security State bits (Table 8-142). */
export const SecurityState = {
  USER_PASSPHRASE_SET: 1 << 0,
  MASTER_PASSPHRASE_SET: 1 << 1,
  LOCKED: 1 << 2,
  FROZEN: 1 << 3,
  USER_PASSPHRASE_ATTEMPT_COUNT_REACHED: 1 << 4,
  MASTER_PASSPHRASE_ATTEMPT_COUNT_REACHED: 1 << 5,
} as const;

/** Passphrase Type (Tables 8-143, 8-144, 8-146). */
export const PassphraseType = { MASTER: 0, USER: 1 } as const;

export const PASSPHRASE_SIZE = 32;

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

class Passphrase {
  value: Uint8Array | null = null;
  failures = 0;
  constructor(private readonly limit: number) {}
  get isSet(): boolean {
    return this.value !== null;
  }
  get limitReached(): boolean {
    return this.failures >= this.limit;
  }
  /** Throws Incorrect Passphrase (counting the attempt) unless `given` matches. */
  verify(given: Uint8Array): void {
    if (this.value !== null && same(this.value, given)) {
      this.failures = 0;
      return;
    }
    if (this.failures < this.limit) this.failures++;
    throw new DeviceReturn(CXLMI_RET_PASSPHRASE);
  }
  set(v: Uint8Array): void {
    this.value = v.slice(0, PASSPHRASE_SIZE);
    this.failures = 0;
  }
  clear(): void {
    this.value = null;
    this.failures = 0;
  }
}

export class SecurityStateMachine {
  private readonly user: Passphrase;
  private readonly master: Passphrase;
  locked = false;
  frozen = false;

  /** `erase` is called when a passphrase secure erase succeeds. */
  constructor(
    retryLimit: number,
    private readonly erase: () => void,
  ) {
    this.user = new Passphrase(retryLimit);
    this.master = new Passphrase(retryLimit);
  }

  state(): number {
    let s = 0;
    if (this.user.isSet) s |= SecurityState.USER_PASSPHRASE_SET;
    if (this.master.isSet) s |= SecurityState.MASTER_PASSPHRASE_SET;
    if (this.locked) s |= SecurityState.LOCKED;
    if (this.frozen) s |= SecurityState.FROZEN;
    if (this.user.limitReached) s |= SecurityState.USER_PASSPHRASE_ATTEMPT_COUNT_REACHED;
    if (this.master.limitReached) s |= SecurityState.MASTER_PASSPHRASE_ATTEMPT_COUNT_REACHED;
    return s;
  }

  get userPassphraseSet(): boolean {
    return this.user.isSet;
  }

  private pick(type: number): Passphrase {
    if (type === PassphraseType.MASTER) return this.master;
    if (type === PassphraseType.USER) return this.user;
    throw new DeviceReturn(CXLMI_RET_INPUT);
  }

  private notFrozen(): void {
    if (this.frozen) throw new DeviceReturn(CXLMI_RET_SECURITY);
  }

  /** Set Passphrase (4501h). The current passphrase is only checked when one is set. */
  setPassphrase(type: number, current: Uint8Array, next: Uint8Array): void {
    this.notFrozen();
    const p = this.pick(type);
    if (p.limitReached) throw new DeviceReturn(CXLMI_RET_SECURITY);
    // The master passphrase may only be set while no user passphrase is set.
    if (p === this.master && this.user.isSet) throw new DeviceReturn(CXLMI_RET_SECURITY);
    if (p === this.user && this.locked) throw new DeviceReturn(CXLMI_RET_SECURITY);
    if (p.isSet) p.verify(current);
    p.set(next);
  }

  /** Disable Passphrase (4502h). Disabling the user passphrase also unlocks. */
  disablePassphrase(type: number, given: Uint8Array): void {
    this.notFrozen();
    const p = this.pick(type);
    if (p.limitReached || !p.isSet) throw new DeviceReturn(CXLMI_RET_SECURITY);
    p.verify(given);
    p.clear();
    if (p === this.user) this.locked = false;
  }

  /** Unlock (4503h). */
  unlock(given: Uint8Array): void {
    this.notFrozen();
    if (!this.user.isSet || this.user.limitReached || !this.locked)
      throw new DeviceReturn(CXLMI_RET_SECURITY);
    this.user.verify(given);
    this.locked = false;
  }

  /** Freeze Security State (4504h): no security changes until the next reset. */
  freeze(): void {
    this.frozen = true;
  }

  /** Passphrase Secure Erase (4505h). */
  passphraseSecureErase(type: number, given: Uint8Array): void {
    this.notFrozen();
    const p = this.pick(type);
    if (p.limitReached) throw new DeviceReturn(CXLMI_RET_SECURITY);
    if (p === this.master) {
      // With the master passphrase disabled the command is invalid (r3.0 8.2.9.8.6.3).
      if (!p.isSet) throw new DeviceReturn(CXLMI_RET_INPUT);
      p.verify(given);
      this.user.clear();
    } else if (p.isSet) {
      p.verify(given);
      p.clear();
    }
    this.locked = false;
    this.erase();
  }

  /** A reset: a set user passphrase locks the device again; freeze and attempt counts clear. */
  reset(): void {
    this.locked = this.user.isSet;
    this.frozen = false;
    this.user.failures = 0;
    this.master.failures = 0;
  }
}
