/**
 * A lab: the emulated devices `cxlmi emulate` serves, on one clock, with the journal that lets a
 * state file bring them back.
 *
 * The state file (docs/emulator-service.md) holds the topology, the device clock at saving, and
 * every request message the devices ran, in order, with the clock reading it ran at. Loading
 * builds the topology afresh and runs the journal again on a clock stopped at each recorded
 * reading, so every model (security, firmware, poison, events, DC extents, bindings, features, …)
 * comes back exactly as it was, background operations included, without a serialiser per model.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CxlmiUsageError } from '../../errors.js';
import { defaultFabric, parseTopology } from '../fabric/fabric.js';
import type { TopologySpec } from '../fabric/topology-spec.js';
import { defaultTopology, type EmulatedEndpointSpec } from '../topology.js';

export const STATE_FORMAT = 'cxlmi-emulator-state';
export const STATE_VERSION = 1;

/**
 * `default` (one Type 3 device), `fabric` (the built-in fabric), `default+fabric` (both), or a
 * topology file's content.
 */
export type LabTopology = 'default' | 'fabric' | 'default+fabric' | TopologySpec;

export interface JournalEntry {
  /** Device clock (ms) when the request ran. */
  t: number;
  /** The device (`emu:PATH#NAME`) it was sent to. */
  device: string;
  /** The whole CCI request message, hex (absent for a reset). */
  request?: string;
  /** A conventional reset of the device (`cxlmi emulate --reset`). */
  reset?: true;
}

export interface LabStateFile {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** When it was written (ISO 8601), for people. */
  saved_at: string;
  topology: LabTopology;
  /** Device clock (ms) when it was written; the clock goes on from here after loading. */
  clock_ms: number;
  journal: JournalEntry[];
}

/** The clock every device of a lab reads: running, or held at a journal entry's reading. */
export class LabClock {
  #base: number;
  #held: number | undefined;
  constructor(startMs = 0) {
    this.#base = startMs - performance.now();
  }
  readonly now = (): number => this.#held ?? this.#base + performance.now();
  hold(ms: number): void {
    this.#held = ms;
  }
  /** Runs on from `ms`. */
  resume(ms: number): void {
    this.#held = undefined;
    this.#base = ms - performance.now();
  }
}

/** What a `--topology` / positional source names: `fabric`, `default`, or a JSON file. */
export function readTopologySource(source: string | undefined): LabTopology {
  if (source === undefined || source === 'default') return 'default';
  if (source === 'fabric') return 'fabric';
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (e) {
    throw new CxlmiUsageError(
      `cannot read topology file ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as TopologySpec;
  } catch (e) {
    throw new CxlmiUsageError(`topology: not valid JSON: ${(e as Error).message}`);
  }
}

function build(topology: LabTopology, clock: () => number): EmulatedEndpointSpec[] {
  if (topology === 'default') return defaultTopology({ clock });
  if (topology === 'fabric') return defaultFabric({ clock }).endpoints();
  if (topology === 'default+fabric')
    return [...defaultTopology({ clock }), ...defaultFabric({ clock }).endpoints()];
  return parseTopology(JSON.stringify(topology), { clock }).endpoints();
}

/** Milliseconds to the microsecond: what a journal entry keeps of a clock reading. */
const micro = (ms: number) => Math.round(ms * 1000) / 1000;

function bad(file: string, what: string): never {
  throw new CxlmiUsageError(`state file ${file}: ${what}`);
}

export class Lab {
  readonly topology: LabTopology;
  readonly clock: LabClock;
  readonly devices: EmulatedEndpointSpec[];
  readonly journal: JournalEntry[] = [];
  readonly #byName: Map<string, EmulatedEndpointSpec>;

  constructor(topology: LabTopology, clockMs = 0) {
    this.topology = topology;
    this.clock = new LabClock(clockMs);
    this.devices = build(topology, this.clock.now);
    this.#byName = new Map(this.devices.map((d) => [d.name, d]));
  }

  /** Records a request a device is about to run (the service's onDispatch). */
  readonly record = (device: string, message: Uint8Array): void => {
    this.journal.push({ t: micro(this.clock.now()), device, request: Buffer.from(message).toString('hex') });
  };

  /** Records a reset a device is about to go through (the service's onReset). */
  readonly recordReset = (device: string): void => {
    this.journal.push({ t: micro(this.clock.now()), device, reset: true });
  };

  /**
   * Builds the lab a state file describes. `topology`, when given on the command line, must be
   * the one the file was saved with.
   */
  static load(file: string, text: string, topology?: LabTopology): Lab {
    let s: Partial<LabStateFile>;
    try {
      s = JSON.parse(text);
    } catch (e) {
      bad(file, `not valid JSON: ${(e as Error).message}`);
    }
    if (s?.format !== STATE_FORMAT)
      bad(file, `not a cxlmi emulator state file (no "format": "${STATE_FORMAT}")`);
    if (s.version !== STATE_VERSION)
      bad(
        file,
        `version ${String(s.version)} is not one this cxlmi reads (it reads version ${STATE_VERSION})`,
      );
    if (s.topology === undefined) bad(file, 'no topology');
    if (topology !== undefined && JSON.stringify(topology) !== JSON.stringify(s.topology))
      bad(file, 'it was saved with another topology; start without a topology, or with another state file');
    if (typeof s.clock_ms !== 'number' || !Number.isFinite(s.clock_ms) || s.clock_ms < 0)
      bad(file, '"clock_ms" must be a number of milliseconds');
    if (!Array.isArray(s.journal)) bad(file, '"journal" must be a list');
    const lab = new Lab(s.topology, 0);
    s.journal.forEach((e, i) => {
      const d = lab.#byName.get(e?.device);
      if (!d) bad(file, `journal entry ${i} is for device ${String(e?.device)}, which the topology lacks`);
      if (typeof e.t !== 'number') bad(file, `journal entry ${i} needs "t" (ms)`);
      lab.clock.hold(e.t);
      if (e.reset === true) {
        lab.journal.push({ t: e.t, device: e.device, reset: true });
        d.device.reset();
        return;
      }
      if (typeof e.request !== 'string' || !/^([0-9a-f]{2})+$/i.test(e.request))
        bad(file, `journal entry ${i} needs "request" (hex) or "reset": true`);
      lab.journal.push({ t: e.t, device: e.device, request: e.request });
      try {
        d.device.dispatch(Buffer.from(e.request, 'hex'));
      } catch {
        // A request the model rejects outright changed nothing; the next entries still apply.
      }
    });
    lab.clock.resume(s.clock_ms);
    return lab;
  }

  state(): LabStateFile {
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      saved_at: new Date().toISOString(),
      topology: this.topology,
      clock_ms: micro(this.clock.now()),
      journal: this.journal,
    };
  }

  /** Writes the state file (whole or not at all: a temporary file renamed over it). */
  save(file: string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    const { journal, ...head } = this.state();
    // One journal entry a line: readable, and diffs of two saves show what was done in between.
    const lines = journal.map((e) => `  ${JSON.stringify(e)}`).join(',\n');
    const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
    writeFileSync(tmp, `${top},\n  "journal": [${journal.length ? `\n${lines}\n  ` : ''}]\n}\n`);
    renameSync(tmp, file);
  }
}
