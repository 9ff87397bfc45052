/**
 * The package as a user gets it: build into a scratch copy, `npm pack`, install the tarball into
 * an empty folder, then run the bin, import and require every entry point, and type-check a
 * consumer with `skipLibCheck: false`. Checks the tarball's contents on the way (no source map
 * pointing at a file that is not in the package, the sample topology shipped, package fields).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const entryPoints = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'cxlmi' : `cxlmi/${k.slice(2)}`));
const npm = (args: string[], cwd: string) =>
  exec('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    maxBuffer: 64 << 20,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });

let scratch = '';
let consumer = '';
let unpacked = '';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('npm pack → install into an empty folder', { timeout: 600_000 }, () => {
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'cxlmi-pack-'));
    const src = join(scratch, 'pkg');
    mkdirSync(src);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json'])
      cpSync(join(repo, f), join(src, f));
    for (const d of ['src', 'bin', 'docs', 'examples'])
      cpSync(join(repo, d), join(src, d), { recursive: true, filter: (p) => !p.includes('/docs/api') });
    symlinkSync(join(repo, 'node_modules'), join(src, 'node_modules'));
    // build with the repository's compiler into the scratch copy (never touches ./dist)
    await exec(
      process.execPath,
      [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: src,
      },
    );
    const { stdout } = await npm(['pack', '--ignore-scripts', '--pack-destination', scratch], src);
    const tarball = join(scratch, stdout.trim().split('\n').pop()!);
    unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    await exec('tar', ['-xzf', tarball, '-C', unpacked]);
    consumer = join(scratch, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    const typesNode = JSON.parse(
      readFileSync(join(repo, 'node_modules/@types/node/package.json'), 'utf8'),
    ).version;
    await npm(['install', '--prefer-offline', tarball, `@types/node@${typesNode}`], consumer);
  });
  after(() => {
    // leave the scratch folder for inspection when a test failed; tmp is cleaned by the OS
  });

  it('ships the package fields users and registries look for', () => {
    for (const k of ['repository', 'homepage', 'bugs', 'license', 'types', 'bin', 'engines'])
      assert.ok(pkg[k], `package.json lacks ${k}`);
  });

  it('ships the sample topology the README links, and the examples', () => {
    assert.ok(existsSync(join(unpacked, 'package/examples/fabric-topology.json')));
    assert.ok(existsSync(join(unpacked, 'package/examples/list_endpoints_mctp.ts')));
    const readme = readFileSync(join(unpacked, 'package/README.md'), 'utf8');
    for (const m of readme.matchAll(/\]\(((?:examples|docs)\/[^)#]+)\)/g))
      if (!m[1].startsWith('docs/api/'))
        assert.ok(existsSync(join(unpacked, 'package', m[1])), `README links ${m[1]}, not in the package`);
  });

  it('no source map points at a file that is not shipped unless it carries the source inline', () => {
    const maps = filesUnder(join(unpacked, 'package')).filter((f) => f.endsWith('.map'));
    assert.ok(maps.length > 0);
    for (const m of maps) {
      const map = JSON.parse(readFileSync(m, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      map.sources.forEach((s, i) => {
        const shipped = existsSync(resolve(dirname(m), s));
        assert.ok(
          shipped || typeof map.sourcesContent?.[i] === 'string',
          `${relative(unpacked, m)} → ${s}: not shipped and not inline`,
        );
      });
    }
  });

  it('npx cxlmi --emulate identify runs from the installed package', async () => {
    const { stdout } = await exec('npx', ['--no-install', 'cxlmi', '--emulate', 'identify'], {
      cwd: consumer,
    });
    assert.match(stdout, /^emulator:type3$/m);
    assert.match(stdout, /0x00c0ffee12345678/);
    const v = await exec('npx', ['--no-install', 'cxlmi', '--version'], { cwd: consumer });
    assert.equal(v.stdout.trim(), pkg.version);
  });

  it('every entry point can be imported and required', async () => {
    for (const e of entryPoints) {
      const imp = await exec(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import('${e}'); console.log(Object.keys(m).length);`],
        { cwd: consumer },
      );
      assert.ok(Number(imp.stdout) > 10, `import('${e}') exported ${imp.stdout}`);
      const req = await exec(
        process.execPath,
        ['--input-type=commonjs', '-e', `console.log(Object.keys(require('${e}')).length)`],
        { cwd: consumer },
      );
      assert.equal(req.stdout, imp.stdout, `require('${e}') and import('${e}') differ`);
    }
    const cjs = await exec(
      process.execPath,
      [
        '--input-type=commonjs',
        '-e',
        "const { Context } = require('cxlmi'); const { Type3Device, emulatorTransport } = require('cxlmi/emulator');" +
          'const ctx = new Context(); ctx.openTransport(emulatorTransport(new Type3Device())).then(async (ep) => {' +
          ' const id = await ep.identify(); console.log(id.serial_num.toString(16)); await ctx.close(); });',
      ],
      { cwd: consumer },
    );
    assert.equal(cjs.stdout.trim(), 'c0ffee12345678');
  });

  it('a TypeScript consumer type-checks with skipLibCheck false', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'consumer.ts'),
      [
        "import { Context, MEDIA_STATUS_NAMES, codeName, type Endpoint } from 'cxlmi';",
        "import * as compat from 'cxlmi/compat';",
        "import { Type3Device, emulatorTransport, defaultFabric } from 'cxlmi/emulator';",
        'export async function main(): Promise<string> {',
        '  await using ctx = new Context();',
        '  const ep: Endpoint = await ctx.openTransport(emulatorTransport(new Type3Device()));',
        '  const h = await ep.getHealthInfo();',
        '  const id = compat.cxlmi_cmd_identify();',
        '  await compat.cxlmi_cmd_identify(ep, null, id);',
        '  const serial: bigint = id.serial_num;',
        '  void defaultFabric;',
        '  return codeName(MEDIA_STATUS_NAMES, h.media_status) + String(serial);',
        '}',
        '',
      ].join('\n'),
    );
    await exec(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
      cwd: consumer,
    }).catch((e: { stdout: string }) => assert.fail(`tsc in the consumer:\n${e.stdout}`));
  });
});
