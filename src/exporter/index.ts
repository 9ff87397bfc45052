export { type MctpScanTarget, type MctpScanTargetOptions, mctpScanTarget } from './mctp-scan-target.js';
export {
  type EndpointLabels,
  type EndpointState,
  type PendingTarget,
  Poller,
  type PollerOptions,
  type ScanState,
} from './poller.js';
export {
  defaultProbes,
  METRICS,
  type MetricFamily,
  type Probe,
  type ProbeContext,
  type Sample,
} from './probes.js';
export { buildRegistry } from './registry.js';
export { DEFAULT_LISTEN, type Exporter, type ExporterOptions, parseListen, startExporter } from './server.js';
