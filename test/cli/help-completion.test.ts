import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { walkCommands } from '../../src/cli/help.js';
import { buildProgram } from '../../src/cli/program.js';
import { needs, requireUnderCi } from '../helpers/prerequisite.js';
import { cli } from './run-cli.js';

const commands = walkCommands(buildProgram({ stdout() {}, stderr() {} }));

describe('--help', () => {
  it('covers a real command tree', () => {
    assert.ok(commands.length >= 5);
  });
  for (const { path } of commands) {
    it(`cxlmi ${path.join(' ')} --help shows an example`, async () => {
      const r = await cli([...path, '--help']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Usage: cxlmi /m);
      assert.match(r.out, /\nExamples:\n {2}.*\bcxlmi /);
    });
  }
});

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-completion-'));

async function script(shell: 'bash' | 'zsh'): Promise<string> {
  const r = await cli(['completion', shell]);
  assert.equal(r.code, 0, r.err);
  const file = join(dir, `cxlmi.${shell}`);
  writeFileSync(file, r.out);
  return file;
}

/** COMPREPLY for the words typed so far (the last one is being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const arr = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync(
    'bash',
    [
      '-c',
      `source '${file}'; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _cxlmi_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('completes subcommands, nested subcommands, options and fixed arguments', async () => {
    const file = await script('bash');
    assert.deepEqual(bashComplete(file, ['cxlmi', 'tim']), ['timestamp']);
    assert.deepEqual(bashComplete(file, ['cxlmi', '--emulate', 'timestamp', 's']), ['set']);
    assert.deepEqual(bashComplete(file, ['cxlmi', 'raw', '--fm']), ['--fmapi']);
    assert.deepEqual(bashComplete(file, ['cxlmi', 'completion', 'z']), ['zsh']);
    assert.deepEqual(bashComplete(file, ['cxlmi', '--timeout', '']), [], 'no words for an option value');
  });

  it('offers every top-level subcommand', async () => {
    const file = await script('bash');
    const all = bashComplete(file, ['cxlmi', '']);
    for (const { path } of commands.filter((c) => c.path.length === 1))
      assert.ok(all.includes(path[0]), path[0]);
  });
});

const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

describe('zsh completion', needs(hasZsh, 'zsh is not installed'), () => {
  requireUnderCi(hasZsh, 'zsh is not installed');
  /** Runs the completion function with zsh's completion builtins replaced by printers. */
  function zshComplete(file: string, words: string[]): string[] {
    const arr = words.map((w) => `'${w}'`).join(' ');
    const out = execFileSync(
      'zsh',
      [
        '-c',
        [
          'compdef() { : }',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh parameter expansion
          '_describe() { print -l -- "${(@P)4}" }',
          'compadd() { print -l -- "$@" }',
          '_files() { print "<files>" }',
          '_message() { print "<$*>" }',
          `source '${file}'`,
          `words=(${arr}); CURRENT=${words.length}; PREFIX='${words[words.length - 1]}'`,
          '_cxlmi',
        ].join('\n'),
      ],
      { encoding: 'utf8' },
    );
    return out.split('\n').filter(Boolean);
  }

  it('is valid zsh', async () => {
    execFileSync('zsh', ['-n', await script('zsh')]);
  });

  it('describes subcommands at each level and options after a dash', async () => {
    const file = await script('zsh');
    const top = zshComplete(file, ['cxlmi', '']);
    assert.ok(
      top.some((l) => /^timestamp:read or set/.test(l)),
      top.join('\n'),
    );
    assert.deepEqual(
      zshComplete(file, ['cxlmi', '--emulate', 'timestamp', '']).map((l) => l.split(':')[0]),
      ['get', 'set'],
    );
    assert.ok(
      zshComplete(file, ['cxlmi', 'raw', '--']).includes(
        '--fmapi:send as an FM-API command (MCTP message type 07h)',
      ),
    );
    assert.deepEqual(zshComplete(file, ['cxlmi', '--port', '']), ['<value>']);
  });
});
