/** Kernel mailbox transport (/dev/cxl/memN) and what sysfs and /dev/cxl list. */
import { type MailboxOpenOptions, MailboxTransport } from './mailbox-transport.js';

export {
  type CxlListing,
  type CxlListingOptions,
  type CxlMemdevInfo,
  listCxlDevices,
} from './cxl-listing.js';
export { type MailboxDevice, resolveMailboxDevice } from './device-path.js';
export { type KernelCommandEntry, KernelCommandSet, type MailboxRoute } from './kernel-command-set.js';
export { KERNEL_COMMANDS, type KernelCommand } from './kernel-commands.js';
export { type MailboxBuffer, type MailboxOps, nativeMailboxOps, OpenFailure } from './mailbox-ops.js';
export { type MailboxOpenOptions, MailboxTransport } from './mailbox-transport.js';

/** Opens `mem0` or `/dev/cxl/mem0`. */
export function openMailbox(devname: string, options?: MailboxOpenOptions): Promise<MailboxTransport> {
  return MailboxTransport.open(devname, options);
}
