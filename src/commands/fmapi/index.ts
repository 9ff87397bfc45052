/** fmapi commands. Each command group lives in its own file beside this one. */
export const fmapiCommands = [] as const;
