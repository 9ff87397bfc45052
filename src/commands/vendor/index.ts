/** vendor commands. Each command group lives in its own file beside this one. */
export const vendorCommands = [] as const;
