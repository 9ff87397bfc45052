/** Emulator side of Persistent Memory Data-at-rest Security (45h). */
import {
  disablePassphrase,
  freezeSecurityState,
  getSecurityState,
  passphraseSecureErase,
  setPassphrase,
  unlock,
} from '../../../commands/memdev/security.js';
import type { EmulatedDevice } from '../../device.js';
import type { MemdevState } from '../memdev-state.js';
import { requireIdle } from './idle.js';

export function registerSecurity(device: EmulatedDevice, s: MemdevState): void {
  device.handle(getSecurityState, () => ({ security_state: s.security.state() }));
  device.handle(setPassphrase, (req) =>
    s.security.setPassphrase(req.passphrase_type, req.current_passphrase, req.new_passphrase),
  );
  device.handle(disablePassphrase, (req) =>
    s.security.disablePassphrase(req.passphrase_type, req.passphrase),
  );
  device.handle(unlock, (req) => s.security.unlock(req.current_passphrase));
  device.handle(freezeSecurityState, () => s.security.freeze());
  device.handle(passphraseSecureErase, (req) => {
    requireIdle(device);
    s.requireMedia();
    s.security.passphraseSecureErase(req.passphrase_type, req.passphrase);
  });
}
