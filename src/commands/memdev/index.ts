/** memdev commands. Each command group lives in its own file beside this one. */
export const memdevCommands = [] as const;
