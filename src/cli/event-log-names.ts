/** The event logs' names on the command line (`events list --log`), without the record layouts. */

/** Event logs by the names the CLI takes (CXL r3.1 Table 8-52: Event Log 0-4). */
export const EVENT_LOGS = ['info', 'warn', 'fail', 'fatal', 'dcd'] as const;
export type EventLogName = (typeof EVENT_LOGS)[number];
