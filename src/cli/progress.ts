/**
 * The shared progress bar (cli-progress), drawn on stderr only when it is a terminal; elsewhere
 * (pipes, CI, --json consumers) progress is silent and stdout stays clean.
 */
import { SingleBar } from 'cli-progress';
import { humanBytes } from './output.js';

export interface Progress {
  /** Sets the amount done so far. */
  update(done: number): void;
  /** Changes the total (when it is only learned later). */
  setTotal(total: number): void;
  /**
   * Starts another phase of the same work on the same line: a new label, unit and total, from 0
   * (`verifying…` after a firmware transfer, instead of a bar frozen at 100%).
   */
  phase(o: ProgressOptions): void;
  /** Removes the bar; safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  /** Short label before the bar: "firmware", "LSA write", "sanitize". */
  title: string;
  total: number;
  /** How amounts are shown: bytes (KiB/MiB), percent, or plain counts. */
  unit?: 'bytes' | 'percent' | 'count';
}

const SILENT: Progress = { update() {}, setTotal() {}, phase() {}, stop() {} };

function amount(unit: ProgressOptions['unit'], n: number): string {
  if (unit === 'bytes') return humanBytes(n);
  if (unit === 'percent') return `${n}%`;
  return String(n);
}

/**
 * A bar on `stream` when it is a terminal, otherwise a progress that prints nothing. When `signal`
 * (Ctrl-C) fires the bar stops at once, so what is said about stopping is never redrawn over.
 */
export function startProgress(
  stream: NodeJS.WritableStream | undefined,
  tty: boolean,
  first: ProgressOptions,
  signal?: AbortSignal,
): Progress {
  if (!tty || !stream) return SILENT;
  let o = first;
  let unit = o.unit ?? 'count';
  const bar = new SingleBar({
    stream,
    format: (options, params) => {
      const size = options.barsize ?? 30;
      const filled = Math.round(params.progress * size);
      const barText = '█'.repeat(filled) + '░'.repeat(size - filled);
      const pct = Math.floor(params.progress * 100);
      const counts = unit === 'percent' ? '' : ` ${amount(unit, params.value)}/${amount(unit, params.total)}`;
      return `${o.title} ${barText} ${String(pct).padStart(3)}%${counts}`;
    },
    barsize: 30,
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
  });
  bar.start(o.total, 0);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    signal?.removeEventListener('abort', stop);
    bar.stop();
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return {
    update: (done) => {
      if (!stopped) bar.update(done);
    },
    setTotal: (total) => {
      if (!stopped) bar.setTotal(total);
    },
    phase: (next) => {
      if (stopped) return;
      bar.render(); // the last phase's final amount, before the line changes
      o = next;
      unit = next.unit ?? 'count';
      bar.setTotal(next.total);
      bar.update(0);
    },
    stop,
  };
}
