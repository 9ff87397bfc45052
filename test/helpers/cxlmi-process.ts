/** `cxlmi` as a separate process (the way people run it), with its output captured as it comes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(import.meta.resolve('tsx'));
export const CXLMI_MAIN = `${repo}src/cli/main.ts`;
/** argv prefix that runs the CLI from source: `node --import tsx src/cli/main.ts`. */
export const CXLMI_NODE_ARGS = ['--import', `file://${tsx}`, CXLMI_MAIN];

export interface CxlmiProcess {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves when stdout matches (rejects if the process ends first). */
  waitFor(re: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

export function cxlmiProcess(args: string[], cwd: string): CxlmiProcess {
  const child = spawn(process.execPath, [...CXLMI_NODE_ARGS, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  child.stdout?.on('data', (d) => {
    out += d;
    for (const w of watchers) w();
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code, sig) => r(code ?? (sig ? 128 : null))),
  );
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    waitFor(re) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(out)) {
            watchers.delete(check);
            resolve();
          }
        };
        watchers.add(check);
        check();
        exited.then(() => {
          if (!re.test(out))
            reject(new Error(`cxlmi ${args.join(' ')} ended without printing ${re}:\n${out}\n${err}`));
        });
      });
    },
  };
}

/** Runs `cxlmi ARGS` to completion. */
export async function cxlmiRun(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; out: string; err: string }> {
  const p = cxlmiProcess(args, cwd);
  const code = await p.exited;
  return { code, out: p.out(), err: p.err() };
}
