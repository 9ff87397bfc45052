/**
 * Every example printed by every `--help` runs as printed (issue 16: make the help honest).
 *
 * How an "Examples:" section is read:
 * - `cxlmi …` lines are commands; each must exit 0. Lines with shell syntax (pipes, redirections,
 *   `$(…)`, `<(…)`) run in bash with `cxlmi` on PATH; the others run in-process, split into words
 *   the way the shell would.
 * - A command ending in `# until Ctrl-C` runs until interrupted: it is sent SIGINT once it has
 *   printed something (or after a while) and must then end cleanly (exit 0).
 * - `# …` lines are comments. A comment naming `cxlmi emulate … --listen PATH` is a lab service
 *   the following lines expect: it is started there and then, and stopped after the page.
 * - Each page runs in a fresh directory holding the files examples name (image.bin, labels.bin,
 *   lsa.bin, scrub.bin, pass.txt = s3cret, master.txt = m4ster, old.txt = old, new.txt = s3cret);
 *   confirmation prompts are answered "y", and "Current passphrase (Enter if none)" with Enter, as
 *   a person at a terminal would.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { Command } from 'commander';
import { walkCommands } from '../../src/cli/help.js';
import type { Io } from '../../src/cli/io.js';
import { buildProgram, runCli } from '../../src/cli/program.js';
import { CXLMI_NODE_ARGS } from '../helpers/cxlmi-process.js';

const root = mkdtempSync(join(tmpdir(), 'cxlmi-help-examples-'));
const home = process.cwd();
after(() => {
  process.chdir(home);
  rmSync(root, { recursive: true, force: true });
});

// `cxlmi` on PATH for the examples that run in a shell.
const bin = join(root, 'bin');
mkdirSync(bin);
writeFileSync(
  join(bin, 'cxlmi'),
  `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${CXLMI_NODE_ARGS.map((a) => JSON.stringify(a)).join(' ')} "$@"\n`,
);
chmodSync(join(bin, 'cxlmi'), 0o755);

function helpOf(cmd: Command): string {
  let text = '';
  cmd.configureOutput({
    writeOut: (t) => {
      text += t;
    },
    writeErr: () => {},
  });
  cmd.outputHelp();
  return text;
}

/** The lines of a help page's "Examples:" section. */
export function examplesOf(help: string): string[] {
  const at = help.indexOf('\nExamples:\n');
  if (at < 0) return [];
  const lines: string[] = [];
  for (const l of help.slice(at + '\nExamples:\n'.length).split('\n')) {
    if (!l.startsWith('  ')) break;
    lines.push(l.trim());
  }
  return lines;
}

/** Splits a command line into words as sh does for quotes (no expansions: those go to bash). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let cur = '';
  let last = -1;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const piece = m[1] ?? m[2] ?? m[3];
    if (m.index === last) cur += piece;
    else {
      if (last >= 0) out.push(cur);
      cur = piece;
    }
    last = re.lastIndex;
  }
  if (last >= 0) out.push(cur);
  return out;
}

const SHELL = /[|<>$`;&]|\{/;

interface Ran {
  code: number;
  out: string;
  err: string;
}

async function inProcess(argv: string[], untilCtrlC: boolean): Promise<Ran> {
  let out = '';
  let err = '';
  const signals = new EventEmitter();
  // One Ctrl-C only: a second one quits at once (process.exit), as it does for a person.
  let interrupted = false;
  const ctrlC = () => {
    if (interrupted) return;
    interrupted = true;
    signals.emit('SIGINT');
  };
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const answer = (t: string) => {
    if (/Continue\? \[y\/N\]/.test(t)) stdin.write('y\n');
    else if (/Enter if none/.test(t)) stdin.write('\n');
  };
  const io: Io = {
    stdout: (t) => {
      out += t;
      if (untilCtrlC) setTimeout(ctrlC, 50);
    },
    stderr: (t) => {
      err += t;
      // A prompt: answer it as a person would.
      answer(t);
    },
    stdin,
    stderrTty: true,
    terminal: new PassThrough().on('data', (d) => answer(String(d))),
    env: { NO_COLOR: '1' },
    signals,
  };
  // A command still running after this long is stopped; unless it is marked "# until Ctrl-C"
  // it fails for not ending on its own.
  let stopped = false;
  const timer = setTimeout(
    () => {
      stopped = true;
      ctrlC();
    },
    untilCtrlC ? 3000 : 30_000,
  );
  const code = await runCli(argv, io);
  clearTimeout(timer);
  if (stopped && !untilCtrlC)
    return { code: 1, out, err: `${err}\n(still running after 30 s: mark it "# until Ctrl-C")` };
  return { code, out, err };
}

/** Runs in bash; asynchronously, so a lab service in this process keeps answering. */
function inShell(line: string): Promise<Ran> {
  const child = spawn('bash', ['-c', line], {
    cwd: process.cwd(),
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: process.cwd(), NO_COLOR: '1' },
    timeout: 60_000,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, out, err })));
}

/** A lab service an example page asks for, running in this process until the page is done. */
async function startService(argv: string[]): Promise<() => Promise<void>> {
  const signals = new EventEmitter();
  let out = '';
  let err = '';
  const done = runCli(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
    signals,
  });
  const listen = argv[argv.indexOf('--listen') + 1];
  for (let i = 0; !/running until/.test(out); i++) {
    if (i > 500) assert.fail(`cxlmi ${argv.join(' ')} did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(existsSync(listen));
  return async () => {
    signals.emit('SIGTERM');
    assert.equal(await done, 0, err);
  };
}

const program = buildProgram({ stdout() {}, stderr() {} });
const pages = [{ path: [] as string[], cmd: program }, ...walkCommands(program)];

describe('every --help example runs as printed', () => {
  it('finds the examples of every page', () => {
    const all = pages.flatMap((p) => examplesOf(helpOf(p.cmd)));
    assert.ok(all.filter((l) => l.startsWith('cxlmi ')).length > 150, `${all.length} lines`);
  });

  for (const { path, cmd } of pages) {
    it(`cxlmi ${path.join(' ')} --help`.replace(/ +/g, ' '), async () => {
      const lines = examplesOf(helpOf(cmd));
      assert.ok(lines.length > 0, 'the page has examples');
      const dir = mkdtempSync(join(root, `${path.join('-') || 'cxlmi'}-`));
      process.chdir(dir);
      writeFileSync('image.bin', new Uint8Array(8192).fill(0xa5));
      writeFileSync('labels.bin', new Uint8Array(256).fill(0x11));
      writeFileSync('lsa.bin', new Uint8Array(128).fill(0x22));
      writeFileSync('scrub.bin', Uint8Array.of(0x0c, 0x01));
      writeFileSync('pass.txt', 's3cret');
      writeFileSync('master.txt', 'm4ster');
      writeFileSync('old.txt', 'old');
      writeFileSync('new.txt', 's3cret');
      const stops: (() => Promise<void>)[] = [];
      const services = new Set<string>();
      try {
        for (const line of lines) {
          if (line.startsWith('#')) {
            const svc = /\bcxlmi (emulate\b[^)]*?--listen (\S+?))[),]/.exec(line);
            if (svc) {
              stops.push(await startService(words(svc[1])));
              services.add(svc[2]);
            }
            continue;
          }
          if (!/\bcxlmi /.test(line)) assert.fail(`not a cxlmi command or a # comment: ${line}`);
          const until = /#\s*until Ctrl-C\s*$/.test(line);
          const command = line.replace(/\s+#.*$/, '');
          for (const m of command.matchAll(/\bemu:([^\s#]+)/g))
            assert.ok(services.has(m[1]), `${line}: a comment above must start the service at ${m[1]}`);
          const r =
            SHELL.test(command) || !command.startsWith('cxlmi ')
              ? await inShell(command)
              : await inProcess(words(command).slice(1), until);
          assert.equal(r.code, 0, `${line}\n${r.err}`);
          if (!until)
            assert.ok(
              r.out.length > 0 || r.err.length > 0 || SHELL.test(command),
              `${line}: printed nothing`,
            );
        }
      } finally {
        for (const stop of stops) await stop();
        process.chdir(home);
      }
    });
  }
});
