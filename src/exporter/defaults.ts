/** Exporter defaults, in a module of their own so the CLI can show them without loading the exporter. */
export const DEFAULT_LISTEN = '127.0.0.1:9864';
