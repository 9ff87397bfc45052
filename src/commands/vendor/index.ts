/** vendor commands. Each command group lives in its own file beside this one. */
export * from './vendor-specific.js';

/** Vendor commands with a declared layout (none: vendor_specific takes raw payloads). */
export const vendorCommands = [] as const;
