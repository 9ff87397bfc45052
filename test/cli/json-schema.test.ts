/**
 * Every subcommand's --json output is checked against its documented schema
 * (docs/cli-json/<subcommand>.schema.json, described in docs/cli-json.md), run against the emulator.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { EXIT_DEVICE, EXIT_TRANSPORT, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { walkCommands } from '../../src/cli/help.js';
import { buildProgram } from '../../src/cli/program.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import {
  DC_TAG,
  mhdEmpty,
  mhdHead,
  mhdWithOffer,
  mhdWithTagged,
  withDcRegion,
  withDramError,
  withEvents,
  withPassphrases,
  withSecondSlot,
} from './emulated.js';
import { cli } from './run-cli.js';

const dir = new URL('../../docs/cli-json/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
for (const f of files) ajv.addSchema(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));

function schema(name: string) {
  const v = ajv.getSchema(`${name}.schema.json`);
  assert.ok(v, `docs/cli-json/${name}.schema.json`);
  return v;
}

const image = join(mkdtempSync(join(tmpdir(), 'cxlmi-json-')), 'fw.bin');
writeFileSync(image, Buffer.alloc(3000, 0x41));

interface Case {
  argv: string[];
  /** The devices --emulate opens (default: the emulator's default topology). */
  emulator?: () => EmulatedEndpointSpec[];
  /** Expected exit code (default 0). */
  code?: number;
  /** A stream of one document per line, stopped with Ctrl-C once something was printed. */
  stream?: boolean;
}

/** Command lines whose --json output each schema describes. */
const CASES: Record<string, (string[] | Case)[]> = {
  list: [['--emulate', 'list']],
  identify: [['--emulate', 'identify']],
  caps: [['--emulate', 'caps']],
  'timestamp-get': [
    ['--emulate', 'timestamp', 'get'],
    ['--emulate', 'timestamp'],
  ],
  'timestamp-set': [['--emulate', 'timestamp', 'set', 'now']],
  raw: [['--emulate', 'raw', '0x0300'], { argv: ['--emulate', 'raw', '0xcf00'], code: EXIT_DEVICE }],
  'fw-info': [['--emulate', 'fw', 'info']],
  'fw-update': [
    ['--emulate', 'fw', 'update', image],
    ['--emulate', 'fw', 'update', image, '--slot', '3', '--activate', '--yes'],
  ],
  'fw-activate': [
    { argv: ['--emulate', 'fw', 'activate', '2', '--yes'], emulator: withSecondSlot },
    { argv: ['--emulate', 'fw', 'activate', '2', '--on-reset', '--yes'], emulator: withSecondSlot },
  ],
  'events-list': [
    ['--emulate', 'events', 'list'],
    { argv: ['--emulate', 'events', 'list'], emulator: () => withEvents().emulator() },
  ],
  'events-clear': [
    { argv: ['--emulate', 'events', 'clear', '--all'], emulator: () => withEvents().emulator() },
  ],
  'events-follow': [
    {
      argv: ['--emulate', 'events', 'follow', '--interval', '5'],
      emulator: () => withEvents().emulator(),
      stream: true,
    },
  ],
  'event-record': [],
  'logs-list': [['--emulate', 'logs', 'list']],
  'logs-get': [
    ['--emulate', 'logs', 'get', 'cel'],
    [
      '--emulate',
      'logs',
      'get',
      '0da9c0b5-bf41-4b78-8f79-96b1623b3f17',
      '-o',
      join(tmpdir(), `cxlmi-cel-${process.pid}.bin`),
    ],
  ],
  'logs-cel': [['--emulate', 'logs', 'cel']],
  'features-list': [['--emulate', 'features', 'list']],
  'features-set': [
    ['--emulate', 'features', 'set', 'patrol-scrub', '--data', '0c01', '--yes'],
    ['--emulate', 'features', 'set', 'patrol-scrub', '--data', '0c01', '--save', '--yes'],
    ['--emulate', 'features', 'set', 'patrol-scrub', '--cycle-hours', '24', '--enable', '--yes'],
    ['--emulate', 'features', 'set', 'ecs', '--fru', '2', '--threshold', '4096', '--yes'],
  ],
  'features-get': [
    ['--emulate', 'features', 'get', 'patrol-scrub', '--selection', 'default'],
    ['--emulate', 'features', 'get', 'ecs'],
    ['--emulate', 'features', 'get', 'hppr'],
    ['--emulate', 'features', 'get', 'row-sparing'],
  ],
  'maintenance-ppr': [
    ['--emulate', 'maintenance', 'ppr', '0x40000', '--yes'],
    ['--emulate', 'maintenance', 'ppr', '0x40000', '--hard', '--query'],
  ],
  'maintenance-sparing': [
    ['--emulate', 'maintenance', 'sparing', 'rank', '--channel', '1', '--rank', '0', '--yes'],
    [
      '--emulate',
      'maintenance',
      'sparing',
      'row',
      '--channel',
      '0',
      '--rank',
      '1',
      '--bank-group',
      '2',
      '--bank',
      '3',
      '--row',
      '0x40',
      '--query',
    ],
  ],
  repair: [
    ['--emulate', 'repair'],
    { argv: ['--emulate', 'repair', '--dry-run'], emulator: () => withDramError().emulator() },
    { argv: ['--emulate', 'repair', '--yes'], emulator: () => withDramError().emulator() },
    {
      argv: ['--emulate', 'repair', '--sparing', '--hard', '--yes'],
      emulator: () => withDramError().emulator(),
    },
  ],
  health: [
    ['--emulate', 'health'],
    ['--emulate', 'health', '--alerts'],
  ],
  'health-alerts-set': [
    ['--emulate', 'health', 'alerts', 'set', '--life-used', '80', '--under-temperature', 'off'],
  ],
  'shutdown-state-get': [
    ['--emulate', 'shutdown-state', 'get'],
    ['--emulate', 'shutdown-state'],
  ],
  'shutdown-state-set': [['--emulate', 'shutdown-state', 'set', 'dirty', '--yes']],
  'partition-show': [
    ['--emulate', 'partition', 'show'],
    ['--emulate', 'partition'],
  ],
  'partition-set': [['--emulate', 'partition', 'set', '256M', '--now', '--yes']],
  'lsa-read': [
    ['--emulate', 'lsa', 'read', '--length', '64'],
    ['--emulate', 'lsa', 'read', '-o', join(tmpdir(), `cxlmi-lsa-${process.pid}.bin`)],
  ],
  'lsa-write': [['--emulate', 'lsa', 'write', image, '--offset', '4096', '--yes']],
  'poison-list': [['--emulate', 'poison', 'list']],
  'poison-inject': [['--emulate', 'poison', 'inject', '0x1000', '--yes']],
  'poison-clear': [['--emulate', 'poison', 'clear', '0x1000']],
  'poison-scan': [['--emulate', 'poison', 'scan', '--length', '256M']],
  sanitize: [['--emulate', 'sanitize', '--yes']],
  'secure-erase': [['--emulate', 'secure-erase', '--yes']],
  'media-ops-discover': [['--emulate', 'media-ops', 'discover']],
  'media-ops-sanitize': [['--emulate', 'media-ops', 'sanitize', '0:256M', '--yes']],
  'media-ops-zero': [['--emulate', 'media-ops', 'zero', '0:1M,0x10000000:4K', '--yes']],
  'security-state': [
    ['--emulate', 'security', 'state'],
    ['--emulate', 'security'],
  ],
  'security-set-passphrase': [['--emulate', 'security', 'set-passphrase', '--new', 'abc']],
  'security-disable': [
    {
      argv: ['--emulate', 'security', 'disable', '--passphrase', 's3cret'],
      emulator: () => withPassphrases(),
    },
  ],
  'security-unlock': [
    {
      argv: ['--emulate', 'security', 'unlock', '--passphrase', 's3cret'],
      emulator: () => withPassphrases(true),
    },
  ],
  'security-freeze': [['--emulate', 'security', 'freeze', '--yes']],
  'security-erase': [
    {
      argv: ['--emulate', 'security', 'erase', '--type', 'master', '--passphrase', 'm4ster', '--yes'],
      emulator: () => withPassphrases(),
    },
  ],
  'qos-show': [
    ['--emulate', 'qos', 'show'],
    ['--emulate', 'qos'],
  ],
  'qos-set': [['--emulate', 'qos', 'set', '--moderate', '20', '--severe', '40']],
  'qos-status': [['--emulate', 'qos', 'status']],
  'dcd-config': [{ argv: ['--emulate', 'dcd', 'config'], emulator: withDcRegion }],
  'dcd-extents': [{ argv: ['--emulate', 'dcd', 'extents'], emulator: withDcRegion }],
  'dcd-add-response': [
    { argv: ['--emulate', 'dcd', 'add-response', '--extents', '0x48000000:32M'], emulator: mhdWithOffer },
    { argv: ['--emulate', 'dcd', 'add-response', '--decline'], emulator: mhdWithOffer },
  ],
  'dcd-release': [
    { argv: ['--emulate', 'dcd', 'release', '--extents', '0x40000000:2M', '--yes'], emulator: mhdHead },
  ],
  'dcd-info': [['--emulate=fabric', 'dcd', 'info']],
  'dcd-regions': [['--emulate=fabric', 'dcd', 'regions', '--host', '1']],
  'dcd-set-region': [
    { argv: ['--emulate', 'dcd', 'set-region', '0', '--block-size', '4M'], emulator: mhdEmpty },
  ],
  'dcd-host-extents': [['--emulate=fabric', 'dcd', 'host-extents']],
  'dcd-tags': [
    ['--emulate=fabric', 'dcd', 'tags'],
    { argv: ['--emulate', 'dcd', 'tags'], emulator: mhdWithTagged },
  ],
  'dcd-initiate-add': [
    ['--emulate=fabric', 'dcd', 'initiate-add', '--length', '64M', '--tag', DC_TAG],
    [
      '--emulate=fabric',
      'dcd',
      'initiate-add',
      '--host',
      '1',
      '--policy',
      'prescriptive',
      '--extents',
      '0x50000000:4M,0x50800000:2M',
    ],
  ],
  'dcd-initiate-release': [
    ['--emulate=fabric', 'dcd', 'initiate-release', '--extents', '0x40000000:128M', '--yes'],
    {
      argv: ['--emulate', 'dcd', 'initiate-release', '--policy', 'tag', '--tag', DC_TAG, '--forced', '--yes'],
      emulator: mhdWithTagged,
    },
  ],
  'dcd-add-ref': [{ argv: ['--emulate', 'dcd', 'add-ref', DC_TAG], emulator: mhdWithOffer }],
  'dcd-remove-ref': [{ argv: ['--emulate', 'dcd', 'remove-ref', DC_TAG], emulator: mhdWithTagged }],
  'switch-identify': [['--emulate=fabric', 'switch', 'identify']],
  'switch-ports': [
    ['--emulate=fabric', 'switch', 'ports'],
    ['--emulate=fabric', 'switch', 'ports', '--ports', '1,2'],
  ],
  'switch-vcs': [['--emulate=fabric', 'switch', 'vcs']],
  'switch-bind': [['--emulate=fabric', 'switch', 'bind', '0', '2', '2', '--ld-id', '1']],
  'switch-unbind': [['--emulate=fabric', 'switch', 'unbind', '0', '1', '--yes']],
  'ld-info': [['--emulate=fabric', 'ld', 'info']],
  'ld-allocations': [['--emulate=fabric', 'ld', 'allocations']],
  'ld-set-allocations': [['--emulate=fabric', 'ld', 'set-allocations', '512M,1G:256M', '--yes']],
  'ld-qos-show': [
    ['--emulate=fabric', 'ld', 'qos', 'show'],
    ['--emulate=fabric', 'ld', 'qos'],
  ],
  'ld-qos-set': [['--emulate=fabric', 'ld', 'qos', 'set', '--moderate', '20', '--severe', '40']],
  'ld-qos-bw': [['--emulate=fabric', 'ld', 'qos', 'bw']],
  'ld-qos-set-bw': [['--emulate=fabric', 'ld', 'qos', 'set-bw', '64,25%']],
  'ld-qos-set-bw-limit': [['--emulate=fabric', 'ld', 'qos', 'set-bw-limit', '128', '--start-ld', '3']],
  'mhd-info': [['--emulate=fabric', 'mhd', 'info']],
  'mhd-heads': [['--emulate=fabric', 'mhd', 'heads']],
  fabric: [
    ['--emulate=fabric', 'fabric'],
    ['--emulate', 'fabric'],
  ],
  multi: [{ argv: ['--emulate', 'identify', '/dev/cxl/mem99'], code: EXIT_TRANSPORT }],
  // One target that fails still prints a document.
  error: [
    { argv: ['identify', '/dev/cxl/mem99'], code: EXIT_TRANSPORT },
    { argv: ['--emulate', 'fw', 'activate', '4', '--yes'], code: EXIT_DEVICE },
    { argv: ['--emulate', 'switch', 'ports'], code: EXIT_USAGE },
  ],
};

/** Subcommands that print no JSON document. */
const NO_JSON = new Set(['completion', 'emulate', 'exporter']);

const leaves = walkCommands(buildProgram({ stdout() {}, stderr() {} }))
  .filter(({ cmd }) => cmd.commands.length === 0)
  .map(({ path }) => path.join('-'))
  .filter((n) => !NO_JSON.has(n));

async function runCase(c: Case) {
  if (!c.stream) return cli([...c.argv, '--json'], c.emulator ? { emulator: c.emulator } : {});
  const signals = new EventEmitter();
  const out: string[] = [];
  let stop = false;
  return cli([...c.argv, '--json'], {
    signals,
    emulator: c.emulator,
    stdout: (t) => {
      out.push(t);
      if (!stop) {
        stop = true;
        setImmediate(() => signals.emit('SIGINT'));
      }
    },
  }).then((r) => ({ ...r, out: out.join('') }));
}

describe('--json outputs match docs/cli-json/', () => {
  it('every subcommand has a schema and every schema has a case', () => {
    for (const n of leaves)
      assert.ok(existsSync(new URL(`${n}.schema.json`, dir)), `docs/cli-json/${n}.schema.json`);
    for (const f of files)
      assert.ok(CASES[f.replace('.schema.json', '')], `add a case for ${f} to this test`);
  });

  for (const [name, runs] of Object.entries(CASES)) {
    for (const run of runs) {
      const c: Case = Array.isArray(run) ? { argv: run } : run;
      it(`cxlmi ${c.argv.join(' ')} --json matches ${name}.schema.json`, async () => {
        const r = await runCase(c);
        assert.equal(r.code, c.code ?? 0, r.err);
        assert.ok(r.out.length > 0, r.err);
        const validate = schema(name);
        const docs = c.stream ? r.out.trim().split('\n') : [r.out];
        for (const d of docs) assert.ok(validate(JSON.parse(d)), `${ajv.errorsText(validate.errors)}\n${d}`);
      });
    }
  }

  it('a schema rejects output with an undocumented field', () => {
    const validate = schema('timestamp-get');
    assert.equal(validate({ timestamp: 1, when: 'now' }), false);
  });
});
