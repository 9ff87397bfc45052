/**
 * The exporter never refuses to start for a device it cannot open (it exports cxl_up 0 and tries
 * again at each poll), accepts `--listen :PORT`, and an address in use is one line, exit 3,
 * before any device is polled. Every metric it serves passes `promtool check metrics`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import type { Endpoint } from '../../src/endpoint/endpoint.js';
import type { PendingTarget } from '../../src/exporter/poller.js';
import { parseListen, startExporter } from '../../src/exporter/server.js';
import { cli } from '../cli/run-cli.js';
import { needs } from '../helpers/prerequisite.js';

class CountingType3 extends Type3Device {
  seen = 0;
  protected override beforeCommand(): void {
    this.seen++;
  }
}

async function scrape(address: string): Promise<string> {
  const r = await fetch(`http://${address}/metrics`);
  return r.text();
}

/** Runs `cxlmi exporter …` until it serves, hands over its address, then stops it with Ctrl-C. */
async function runningExporter(argv: string[], use: (address: string) => Promise<void>) {
  const signals = new EventEmitter();
  let out = '';
  let err = '';
  let served: (a: string) => void = () => {};
  const address = new Promise<string>((resolve) => (served = resolve));
  const done = cli(argv, {
    signals,
    stdout: (t) => {
      out += t;
      const m = /on http:\/\/(\S+)\/metrics/.exec(out);
      if (m) served(m[1]);
    },
    stderr: (t) => {
      err += t;
    },
  });
  const a = await Promise.race([address, done.then(() => '')]);
  try {
    assert.ok(a, `the exporter did not start: ${err}`);
    await use(a);
  } finally {
    signals.emit('SIGINT');
  }
  const r = await done;
  return { ...r, out, err };
}

describe('exporter startup', () => {
  it('a named device that cannot be opened is cxl_up 0 (with a log line), and the rest is served', async () => {
    const r = await runningExporter(
      ['exporter', 'mem99', '--emulate', '--listen', '127.0.0.1:0', '--interval', '60000'],
      async (address) => {
        const text = await scrape(address);
        assert.match(text, /cxl_up\{serial="unknown",device="mem99",transport="mailbox"\} 0/);
        assert.match(text, /cxl_up\{[^}]*device="emulator:type3"[^}]*\} 1/);
        assert.match(text, /cxl_poll_errors_total\{serial="unknown",device="mem99",transport="mailbox"\} 1/);
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /cannot open mem99 now, exporting cxl_up 0 and retrying each poll/);
  });

  it('a pending target is opened again at each poll and, once it opens, is polled as usual', async () => {
    const ctx = new Context({ probe: false, log: () => {} });
    let attempts = 0;
    const pending: PendingTarget = {
      name: 'hotplug0',
      transport: 'emulator',
      async open(): Promise<Endpoint> {
        if (++attempts < 3) throw new Error('no such device');
        return ctx.openTransport(emulatorTransport(new Type3Device(), { description: 'emulator:hotplug0' }));
      },
    };
    const logs: string[] = [];
    const exporter = await startExporter([pending], {
      listen: '127.0.0.1:0',
      intervalMs: 3_600_000,
      log: (m) => logs.push(m),
    });
    try {
      assert.match(await scrape(exporter.address), /cxl_up\{serial="unknown",device="hotplug0"[^}]*\} 0/);
      await exporter.poller.poll();
      const second = await scrape(exporter.address);
      assert.match(second, /cxl_poll_errors_total\{[^}]*device="hotplug0"[^}]*\} 2/);
      assert.equal(logs.filter((l) => l.startsWith('cannot open hotplug0')).length, 1, 'one line per reason');
      await exporter.poller.poll();
      const third = await scrape(exporter.address);
      assert.match(
        third,
        /cxl_up\{serial="0x[0-9a-f]{16}",device="emulator:hotplug0",transport="emulator"\} 1/,
      );
      assert.doesNotMatch(third, /device="hotplug0"/, 'the pending series is gone once it opens');
      assert.match(third, /cxl_poll_errors_total\{[^}]*device="emulator:hotplug0"[^}]*\} 2/);
      assert.equal(attempts, 3);
    } finally {
      await exporter.close();
      await ctx.close();
    }
  });

  it('a pending target that opens to several endpoints (a scan once mctpd answers) polls every one', async () => {
    const ctx = new Context({ probe: false, log: () => {} });
    let attempts = 0;
    const scan: PendingTarget = {
      name: '--scan',
      transport: 'mctp',
      async open(): Promise<Endpoint[]> {
        attempts++;
        if (attempts === 1) throw new Error('mctpd is not running');
        if (attempts === 2) return []; // mctpd up, no endpoint yet
        return Promise.all(
          ['a', 'b'].map((n) =>
            ctx.openTransport(emulatorTransport(new Type3Device(), { description: `emulator:scan-${n}` })),
          ),
        );
      },
    };
    const exporter = await startExporter([scan], { listen: '127.0.0.1:0', intervalMs: 3_600_000 });
    try {
      assert.match(
        await scrape(exporter.address),
        /cxl_up\{serial="unknown",device="--scan",transport="mctp"\} 0/,
      );
      await exporter.poller.poll(); // found nothing: still pending, no endpoint series
      assert.doesNotMatch(await scrape(exporter.address), /emulator:scan-/);
      await exporter.poller.poll();
      const text = await scrape(exporter.address);
      assert.match(text, /cxl_up\{[^}]*device="emulator:scan-a"[^}]*\} 1/);
      assert.match(text, /cxl_up\{[^}]*device="emulator:scan-b"[^}]*\} 1/);
      assert.doesNotMatch(
        text,
        /device="--scan"/,
        'the pending series is gone once the scan finds endpoints',
      );
      assert.equal(attempts, 3);
      await exporter.poller.poll();
      assert.equal(attempts, 3, 'a scan that found endpoints is not repeated');
    } finally {
      await exporter.close();
      await ctx.close();
    }
  });

  it('cxlmi exporter --scan starts without mctpd and exports cxl_up 0 for the scan', async () => {
    const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    process.env.DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/cxlmi-test-bus';
    try {
      const r = await runningExporter(
        ['exporter', '--scan', '--emulate', '--listen', '127.0.0.1:0', '--interval', '60000'],
        async (address) => {
          const text = await scrape(address);
          assert.match(text, /cxl_up\{serial="unknown",device="--scan",transport="mctp"\} 0/);
          assert.match(text, /cxl_up\{[^}]*device="emulator:type3"[^}]*\} 1/);
        },
      );
      assert.equal(r.code, 0, r.err);
      assert.match(
        r.err,
        /cannot scan for MCTP endpoints now, exporting cxl_up 0 and scanning again each poll/,
      );
    } finally {
      if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
      else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
    }
  });

  it('--listen :PORT binds every interface', async () => {
    assert.deepEqual(parseListen(':9864'), { host: undefined, port: 9864 });
    assert.deepEqual(parseListen('[::1]:9864'), { host: '::1', port: 9864 });
    const r = await runningExporter(['exporter', '--emulate', '--listen', ':0'], async (address) => {
      assert.match(address, /^(\[::\]|0\.0\.0\.0):\d+$/);
      const port = address.slice(address.lastIndexOf(':') + 1);
      assert.match(await scrape(`127.0.0.1:${port}`), /cxl_up/);
    });
    assert.equal(r.code, 0, r.err);
  });

  it('an address in use is one line and exit 3, and no device is polled', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dev = new CountingType3();
    try {
      const r = await cli(['exporter', '--emulate', '--listen', `127.0.0.1:${port}`], {
        emulator: () => [{ name: 'type3', device: dev }],
      });
      assert.equal(r.code, 3);
      assert.equal(r.out, '');
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(
        r.err,
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\).*already in use`),
      );
      assert.equal(dev.seen, 0, 'nothing was sent to the device');
    } finally {
      blocker.close();
    }
  });

  const promtool = existsSync('/usr/bin/promtool') ? '/usr/bin/promtool' : undefined;
  it(
    'every metric passes promtool check metrics',
    needs(Boolean(promtool), 'promtool is not installed'),
    async () => {
      assert.ok(promtool, 'promtool is not installed; CI must install it (.ci/run installs prometheus)');
      const ctx = new Context({ probe: false, log: () => {} });
      const eps = [
        await ctx.openTransport(emulatorTransport(new Type3Device(), { description: 'emulator:type3' })),
      ];
      const pending: PendingTarget = {
        name: 'mem99',
        transport: 'mailbox',
        open: () => Promise.reject(new Error('gone')),
      };
      const exporter = await startExporter([...eps, pending], {
        listen: '127.0.0.1:0',
        intervalMs: 3_600_000,
      });
      try {
        const text = await scrape(exporter.address);
        const r = spawnSync(promtool ?? 'promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
        assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
        assert.equal(`${r.stdout}${r.stderr}`.trim(), '', 'no lint findings');
        assert.match(text, /# TYPE cxl_poll_errors_total counter/);
        assert.match(text, /# TYPE cxl_dirty_shutdowns_total counter/);
        assert.match(text, /# TYPE cxl_corrected_errors_total counter/);
      } finally {
        await exporter.close();
        await ctx.close();
      }
    },
  );
});
