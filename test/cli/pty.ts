/**
 * Runs `cxlmi` inside a pseudo-terminal with util-linux `script`, so stdin, stdout and stderr are
 * all terminals: what a person at a shell sees (progress bars, prompts, Ctrl-C).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const hasScript = spawnSync('script', ['--version']).status === 0;

function quote(a: string): string {
  return `'${a.replace(/'/g, `'\\''`)}'`;
}

export class PtySession {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number>;
  #waiters: { re: RegExp; resolve: () => void }[] = [];

  constructor(argv: string[], env: Record<string, string> = {}) {
    const cmd = [process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...argv].map(quote).join(' ');
    const { NO_COLOR: _n, ...base } = process.env;
    this.child = spawn('script', ['-qefc', cmd, '/dev/null'], {
      cwd: root,
      env: { ...base, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const onData = (d: Buffer) => {
      this.output += d.toString('utf8');
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.re.test(this.output)) return true;
        w.resolve();
        return false;
      });
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Resolves once the terminal has shown text matching `re` (rejects if the program ends first). */
  waitFor(re: RegExp): Promise<void> {
    if (re.test(this.output)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push({ re, resolve });
      this.exited.then(() => {
        if (!re.test(this.output)) reject(new Error(`ended without showing ${re}:\n${this.output}`));
      });
    });
  }

  /** What the terminal showed without escape sequences (colours, cursor moves). */
  get text(): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences start with ESC
    return this.output.replace(/\u001b(\[[0-9;?]*[A-Za-z]|[78])/g, '');
  }

  /** Types into the terminal (`\r` is Enter, `\x03` is Ctrl-C). */
  type(text: string): void {
    this.child.stdin?.write(text);
  }

  /** The program's exit code; closes the terminal's input afterwards. */
  async end(): Promise<number> {
    const code = await this.exited;
    this.child.stdin?.end();
    return code;
  }
}
