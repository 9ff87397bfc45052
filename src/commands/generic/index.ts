import { bgOpStatus, identify } from './info-status.js';
import { getTimestamp, setTimestamp } from './timestamp.js';

export * from './info-status.js';
export * from './timestamp.js';

/** Generic Component commands (CXL r3.1 Table 8-37, command sets 00h–05h). */
export const genericCommands = [identify, bgOpStatus, getTimestamp, setTimestamp] as const;
