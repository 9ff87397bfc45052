/** The command line as nvme-cli / ndctl users expect it: --version, one-line parser errors, targets. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { READ_ONLY_SUBCOMMANDS } from '../../src/cli/every-device.js';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { walkCommands } from '../../src/cli/help.js';
import { buildProgram } from '../../src/cli/program.js';
import { cli } from './run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('cxlmi --version', () => {
  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the package version and exits 0`, async () => {
      const r = await cli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.out, `${pkg.version}\n`);
    });
  }
});

describe('parser errors are one line with a pointer to the right --help', () => {
  const cases: [string[], RegExp][] = [
    [
      ['identify', '--frobnicate'],
      /^cxlmi: unknown option '--frobnicate' \(see 'cxlmi identify --help'\)\n$/,
    ],
    [['fw', 'update'], /^cxlmi: missing required argument 'file' \(see 'cxlmi fw update --help'\)\n$/],
    [['idenify'], /^cxlmi: unknown command 'idenify' .*\(see 'cxlmi --help'\)\n$/],
    [
      ['ld', 'qos', 'set', '--bogus'],
      /^cxlmi: unknown option '--bogus' \(see 'cxlmi ld qos set --help'\)\n$/,
    ],
  ];
  for (const [argv, re] of cases) {
    it(argv.join(' '), async () => {
      const r = await cli(argv);
      assert.equal(r.code, EXIT_USAGE);
      assert.match(r.err, re);
      assert.equal(r.out, '');
    });
  }

  it('a target before the subcommand says that targets come after it', async () => {
    const r = await cli(['mem9', 'identify']);
    assert.equal(r.code, EXIT_USAGE);
    assert.equal(
      r.err,
      "cxlmi: 'mem9' is a target: targets come after the subcommand, as in 'cxlmi identify mem9' (see 'cxlmi --help')\n",
    );
    const m = await cli(['--emulate', 'mctp:1,8', 'health']);
    assert.match(m.err, /as in 'cxlmi health mctp:1,8'/);
  });
});

describe('subcommand --help lists the global options', () => {
  it('every subcommand shows --json, --emulate, --port, --ld, --timeout and --yes', () => {
    let text = '';
    const program = buildProgram({ stdout: (t) => (text += t), stderr: () => {} });
    for (const { path, cmd } of walkCommands(program)) {
      text = '';
      cmd.outputHelp();
      for (const opt of ['--json', '--emulate', '--port <n>', '--ld <n>', '--timeout <ms>', '--yes'])
        assert.ok(text.includes(opt), `cxlmi ${path.join(' ')} --help lacks ${opt}`);
      assert.match(text, /Global Options:/);
    }
  });
});

describe('no target means every /dev/cxl/mem*; `all` names them', () => {
  it('the read-only list names real subcommands', () => {
    const paths = new Set(
      walkCommands(buildProgram({ stdout() {}, stderr() {} })).map((c) => c.path.join(' ')),
    );
    for (const p of READ_ONLY_SUBCOMMANDS) assert.ok(paths.has(p), `${p} is not a subcommand`);
  });

  it('with no memory device, says so and where it looked', async () => {
    const devRoot = mkdtempSync(join(tmpdir(), 'cxlmi-dev-'));
    for (const argv of [['identify'], ['health', 'all'], ['sanitize', 'all']]) {
      const r = await cli(argv, { devRoot });
      assert.equal(r.code, EXIT_USAGE, argv.join(' '));
      assert.equal(r.err.split('\n').length, 2, r.err);
      assert.match(r.err, new RegExp(`^cxlmi: no CXL memory devices in ${devRoot} `));
    }
  });

  it('identify with no target opens every memN in numeric order', async () => {
    const devRoot = mkdtempSync(join(tmpdir(), 'cxlmi-dev-'));
    for (const n of ['mem10', 'mem2', 'not-a-memdev']) writeFileSync(join(devRoot, n), '');
    const r = await cli(['identify'], { devRoot });
    // regular files are not CXL devices: each is tried, in order, and reported on its own line
    const tried = [...r.err.matchAll(/cxlmi: (\S+?):? /g)].map((m) => m[1]);
    assert.deepEqual(tried, [join(devRoot, 'mem2'), join(devRoot, 'mem10')], r.err);
    assert.doesNotMatch(r.err, /not-a-memdev/);
  });

  it('`all` with a named device does not open it twice', async () => {
    const devRoot = mkdtempSync(join(tmpdir(), 'cxlmi-dev-'));
    writeFileSync(join(devRoot, 'mem0'), '');
    const r = await cli(['health', 'all', join(devRoot, 'mem0').replace(/^.*\//, '')], { devRoot });
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  });

  it('a subcommand that changes state never picks devices by itself', async () => {
    const devRoot = mkdtempSync(join(tmpdir(), 'cxlmi-dev-'));
    writeFileSync(join(devRoot, 'mem0'), '');
    for (const argv of [
      ['sanitize'],
      ['timestamp', 'set', 'now'],
      ['events', 'clear', '--all'],
      ['partition', 'set', '0'],
    ]) {
      const r = await cli(argv, { devRoot });
      assert.equal(r.code, EXIT_USAGE, argv.join(' '));
      assert.match(r.err, /^cxlmi: no target: name a device \(mem0, mctp:NET,EID, or all for every/);
    }
  });
});
