/**
 * `--scan` follows a changing fabric: the exporter asks the stand-in mctpd (on a private
 * dbus-daemon) again every rescan interval; an endpoint added after it started is exported, one
 * removed has its series gone, an EID reused by another device starts fresh series, and a scan
 * that fails (mctpd restarting) keeps the endpoints polled and is counted. The MCTP datagrams go
 * to emulated devices through the transport's socket seam (the kernel path is the MCTP lab's).
 * Time is driven by small intervals and bounded waits for conditions, never by timed assertions.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Variant } from '@jellybrick/dbus-next';
import { CODECONSTRUCT_NAMING } from '../../src/discovery/mctpd-namings.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import { mctpScanTarget } from '../../src/exporter/mctp-scan-target.js';
import { type Exporter, startExporter } from '../../src/exporter/server.js';
import { cli } from '../cli/run-cli.js';
import { type PrivateBus, startPrivateBus } from '../discovery/private-bus.js';
import { type ObjectTree, type StandInMctpd, startStandInMctpd } from '../discovery/standin-mctpd.js';
import { EmulatedMctpNetwork } from '../helpers/emulated-mctp-network.js';
import { needs, requireUnderCi } from '../helpers/prerequisite.js';
import {
  eventually,
  prometheusAvailable,
  type RunningPrometheus,
  startPrometheus,
} from '../helpers/prometheus.js';

const ROOT = CODECONSTRUCT_NAMING.rootPath;
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

/** The fabric as mctpd and the wire see it: an object per endpoint, a device behind each EID. */
class Fabric {
  readonly tree: ObjectTree = {};
  readonly net = new EmulatedMctpNetwork();
  mctpd: StandInMctpd | undefined;
  /** The stand-in's options, read at each call. */
  readonly mctpdOptions: { hang?: boolean } = {};
  constructor(readonly bus: PrivateBus) {}

  add(eid: number, serial: bigint): void {
    this.tree[`${ROOT}/networks/1/endpoints/${eid}`] = {
      'xyz.openbmc_project.MCTP.Endpoint': {
        NetworkId: new Variant('u', 1),
        EID: new Variant('y', eid),
        SupportedMessageTypes: new Variant('ay', Buffer.from([0x00, 0x08])),
      },
    };
    this.net.attach(1, eid, new Type3Device({ serialNumber: serial }));
  }

  remove(eid: number): void {
    delete this.tree[`${ROOT}/networks/1/endpoints/${eid}`];
    this.net.detach(1, eid);
  }

  async startMctpd(): Promise<void> {
    // The stand-in answers from `tree` as it is at each call: changes show in the next scan.
    this.mctpd = await startStandInMctpd(
      this.bus.address,
      CODECONSTRUCT_NAMING.service,
      ROOT,
      this.tree,
      this.mctpdOptions,
    );
  }

  async stopMctpd(): Promise<void> {
    await this.mctpd?.stop();
    this.mctpd = undefined;
  }
}

const hex = (n: bigint) => `0x${n.toString(16).padStart(16, '0')}`;
const A = 0xa1n;
const B = 0xb2n;
const C = 0xc3n;
const D = 0xd4n;

async function scrape(address: string): Promise<string> {
  return (await fetch(`http://${address}/metrics`)).text();
}

describe('the exporter follows mctpd (private dbus-daemon, stand-in mctpd)', () => {
  let bus: PrivateBus;
  let fabric: Fabric;
  let ctx: Context;
  let exporter: Exporter | undefined;
  const logs: string[] = [];

  before(async () => {
    bus = await startPrivateBus();
  });
  after(async () => {
    await bus.stop();
  });
  beforeEach(async () => {
    fabric = new Fabric(bus);
    ctx = new Context({ probe: false, log: () => {} });
    logs.length = 0;
  });
  afterEach(async () => {
    await exporter?.close();
    exporter = undefined;
    await ctx.close();
    await fabric.stopMctpd();
  });

  const start = async (rescanIntervalMs: number) => {
    const scan = mctpScanTarget(ctx, { busAddress: bus.address, busTimeoutMs: 3000, ops: fabric.net });
    exporter = await startExporter([scan], {
      listen: '127.0.0.1:0',
      intervalMs: 3_600_000, // polls are driven by the test
      timeoutMs: 300,
      rescanIntervalMs,
      log: (m) => logs.push(m),
    });
    return exporter;
  };

  /** Polls until the scrape satisfies `ok` (each poll may rescan: the interval is 1 ms). */
  const pollUntil = (what: string, ok: (text: string) => boolean) =>
    eventually(what, 10_000, async () => {
      await exporter?.poller.poll();
      const text = await scrape(exporter?.address ?? '');
      return ok(text) ? text : undefined;
    });

  it('an endpoint added later is polled; one removed is closed and its series go', async () => {
    fabric.add(9, A);
    fabric.add(10, B);
    await fabric.startMctpd();
    const ex = await start(1);
    const first = await scrape(ex.address);
    assert.match(first, new RegExp(`cxl_up\\{serial="${hex(A)}",device="mctp:1,9",transport="mctp"\\} 1`));
    assert.match(first, new RegExp(`cxl_up\\{serial="${hex(B)}",device="mctp:1,10",transport="mctp"\\} 1`));
    assert.match(first, /cxl_exporter_scan_endpoints\{target="--scan"\} 2/);
    assert.match(first, /cxl_exporter_scan_failures_total\{target="--scan"\} 0/);

    fabric.add(11, C);
    const grown = await pollUntil('the new endpoint', (t) =>
      new RegExp(`cxl_up\\{serial="${hex(C)}",device="mctp:1,11",transport="mctp"\\} 1`).test(t),
    );
    assert.match(grown, /cxl_exporter_scan_endpoints\{target="--scan"\} 3/);
    assert.match(grown, new RegExp(`cxl_device_info\\{serial="${hex(C)}"`), 'probed as any other endpoint');
    assert.ok(
      logs.some((l) => /--scan found mctp:1,11/.test(l)),
      logs.join('\n'),
    );

    const socketsBefore = fabric.net.sockets.length;
    fabric.remove(10);
    const shrunk = await pollUntil('the removed endpoint gone', (t) => !t.includes('device="mctp:1,10"'));
    assert.doesNotMatch(shrunk, new RegExp(hex(B)), 'no series of the removed device is left');
    assert.match(shrunk, /cxl_exporter_scan_endpoints\{target="--scan"\} 2/);
    assert.match(shrunk, /cxl_up\{[^}]*device="mctp:1,9"[^}]*\} 1/);
    assert.match(shrunk, /cxl_up\{[^}]*device="mctp:1,11"[^}]*\} 1/);
    assert.ok(
      logs.some((l) => /mctp:1,10 is gone from --scan: closed/.test(l)),
      logs.join('\n'),
    );
    assert.equal(ctx.endpoints.length, 2, 'the endpoint was closed (and left the context)');
    assert.equal(fabric.net.sockets.filter((s) => s.closed).length, 1, 'its socket was closed');
    assert.equal(fabric.net.sockets.length, socketsBefore, 'no socket opened for known endpoints');

    // The EID comes back later: a new endpoint, polled afresh.
    fabric.add(10, B);
    await pollUntil('the endpoint back', (t) =>
      new RegExp(`cxl_poll_errors_total\\{serial="${hex(B)}",device="mctp:1,10",transport="mctp"\\} 0`).test(
        t,
      ),
    );
  });

  it('an EID reused by another device (another serial) inherits none of the old series', async () => {
    fabric.add(9, A);
    await fabric.startMctpd();
    const ex = await start(1);
    assert.match(
      await scrape(ex.address),
      new RegExp(`cxl_up\\{serial="${hex(A)}",device="mctp:1,9"[^}]*\\} 1`),
    );
    // The old device stops answering (down, one poll error) ...
    fabric.net.detach(1, 9);
    await pollUntil('the old device down', (t) =>
      new RegExp(`cxl_poll_errors_total\\{serial="${hex(A)}",device="mctp:1,9"[^}]*\\} [1-9]`).test(t),
    );
    // ... and another device takes its EID before any rescan saw it go.
    fabric.net.attach(1, 9, new Type3Device({ serialNumber: D }));
    const text = await pollUntil('the new device', (t) =>
      new RegExp(`cxl_up\\{serial="${hex(D)}",device="mctp:1,9"[^}]*\\} 1`).test(t),
    );
    assert.doesNotMatch(text, new RegExp(hex(A)), 'nothing is left under the old serial');
    assert.match(
      text,
      new RegExp(`cxl_poll_errors_total\\{serial="${hex(D)}",device="mctp:1,9"[^}]*\\} 0`),
      "the new device does not inherit the old one's poll errors",
    );
    assert.ok(
      logs.some((l) => l.includes(`now reports serial ${hex(D)} (was ${hex(A)})`)),
      logs.join('\n'),
    );
  });

  it('a scan that fails (mctpd restarting) keeps polling the endpoints, logs once and is counted', async () => {
    fabric.add(9, A);
    fabric.add(10, B);
    await fabric.startMctpd();
    await start(1);
    await fabric.stopMctpd();
    const dev9 = fabric.net.device(1, 9) as Type3Device;
    dev9.memdev.health.inject({ device_temperature: 61 });
    const failing = await pollUntil('two failed scans', (t) =>
      /cxl_exporter_scan_failures_total\{target="--scan"\} [2-9]/.test(t),
    );
    // Polling went on: the change made while every scan failed is exported, both endpoints up.
    assert.match(failing, /cxl_temperature_celsius\{[^}]*device="mctp:1,9"[^}]*\} 61/);
    assert.match(failing, /cxl_up\{[^}]*device="mctp:1,9"[^}]*\} 1/);
    assert.match(failing, /cxl_up\{[^}]*device="mctp:1,10"[^}]*\} 1/);
    assert.match(failing, /cxl_exporter_scan_endpoints\{target="--scan"\} 2/, 'the last good count is kept');
    const failLines = logs.filter((l) => l.startsWith('rescan of --scan failed'));
    assert.equal(failLines.length, 1, `one line for one reason: ${failLines.join('\n')}`);
    assert.match(failLines[0] ?? '', /keeping its 2 endpoint\(s\).*mctpd is not running/);

    // mctpd is back, and knows a device that came meanwhile.
    fabric.add(11, C);
    await fabric.startMctpd();
    await pollUntil('the endpoint found after the restart', (t) => /device="mctp:1,11"[^}]*\} 1/.test(t));
    assert.ok(logs.includes('rescan of --scan works again'), logs.join('\n'));
  });

  it('a rescan that hangs (mctpd not answering) does not hold up the poll of the endpoints', async () => {
    fabric.add(9, A);
    await fabric.startMctpd();
    const ex = await start(1);
    fabric.mctpdOptions.hang = true;
    (fabric.net.device(1, 9) as Type3Device).memdev.health.inject({ device_temperature: 58 });
    let settled = false;
    const poll = ex.poller.poll().then(() => {
      settled = true;
    });
    // The poll's endpoint results are exported while its rescan still waits for mctpd.
    await eventually('the poll of the endpoint', 10_000, async () =>
      /cxl_temperature_celsius\{[^}]*device="mctp:1,9"[^}]*\} 58/.test(await scrape(ex.address))
        ? true
        : undefined,
    );
    assert.equal(settled, false, 'the rescan was still waiting for mctpd');
    await fabric.stopMctpd(); // mctpd goes away: the bus fails the pending call
    await poll;
    const text = await scrape(ex.address);
    assert.match(text, /cxl_exporter_scan_failures_total\{target="--scan"\} 1/);
    assert.match(text, /cxl_up\{[^}]*device="mctp:1,9"[^}]*\} 1/);
  });

  it('mctpd started after the exporter: the failed first scans are scan failures, not endpoint errors', async () => {
    fabric.add(9, A);
    const ex = await start(1);
    assert.match(await scrape(ex.address), /cxl_up\{serial="unknown",device="--scan",transport="mctp"\} 0/);
    await fabric.startMctpd();
    const text = await pollUntil('the endpoint', (t) => /cxl_up\{[^}]*device="mctp:1,9"[^}]*\} 1/.test(t));
    assert.match(text, /cxl_exporter_scan_failures_total\{target="--scan"\} [1-9]/);
    assert.match(text, /cxl_poll_errors_total\{[^}]*device="mctp:1,9"[^}]*\} 0/);
    assert.doesNotMatch(text, /device="--scan"/);
  });

  it('--rescan-interval 0 never scans again once endpoints are found', async () => {
    fabric.add(9, A);
    await fabric.startMctpd();
    const ex = await start(0);
    fabric.add(10, B);
    for (let i = 0; i < 3; i++) await ex.poller.poll();
    const text = await scrape(ex.address);
    assert.doesNotMatch(text, /mctp:1,10/);
    assert.match(text, /cxl_up\{[^}]*device="mctp:1,9"[^}]*\} 1/);
  });

  it(
    'with scan metrics present, the exposition passes promtool check metrics',
    needs(existsSync(PROMTOOL), 'promtool is not installed'),
    async () => {
      fabric.add(9, A);
      await fabric.startMctpd();
      await start(1);
      await fabric.stopMctpd();
      const text = await pollUntil('a failed scan', (t) =>
        /cxl_exporter_scan_failures_total\{[^}]*\} [1-9]/.test(t),
      );
      assert.match(text, /# TYPE cxl_exporter_scan_failures_total counter/);
      assert.match(text, /# TYPE cxl_exporter_scan_endpoints gauge/);
      const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      assert.equal(r.error, undefined, `promtool could not run: ${r.error?.message}`);
      assert.equal(`${r.stdout}${r.stderr}`.trim(), '', 'no promtool findings');
      assert.equal(r.status, 0);
    },
  );
});

describe(
  'a changing fabric seen through a real Prometheus',
  needs(prometheusAvailable(), 'prometheus is not installed'),
  () => {
    requireUnderCi(prometheusAvailable(), 'prometheus is not installed');
    let bus: PrivateBus;
    let fabric: Fabric;
    let ctx: Context;
    let exporter: Exporter;
    let prom: RunningPrometheus;

    before(async () => {
      bus = await startPrivateBus();
      fabric = new Fabric(bus);
      fabric.add(9, A);
      fabric.add(10, B);
      await fabric.startMctpd();
      ctx = new Context({ probe: false, log: () => {} });
      const scan = mctpScanTarget(ctx, { busAddress: bus.address, busTimeoutMs: 3000, ops: fabric.net });
      // Small intervals drive time: a poll and a rescan every 200 ms, a scrape every second.
      exporter = await startExporter([scan], {
        listen: '127.0.0.1:0',
        intervalMs: 200,
        timeoutMs: 500,
        rescanIntervalMs: 200,
      });
      prom = await startPrometheus(exporter.address);
    });
    after(async () => {
      await prom?.stop();
      await exporter?.close();
      await ctx?.close();
      await fabric?.stopMctpd();
      await bus?.stop();
    });

    const series = (expr: string, n: number) =>
      eventually(`${expr} (${n} series)`, 30_000, async () => {
        const r = await prom.query(expr);
        return r.length === n ? r : undefined;
      });

    it('an endpoint mctpd learns about later reaches Prometheus', async () => {
      await series('cxl_up == 1', 2);
      fabric.add(11, C);
      const up = await series('cxl_up{device="mctp:1,11"} == 1', 1);
      assert.equal(up[0]?.metric.serial, hex(C));
      await series('cxl_exporter_scan_endpoints{target="--scan"} == 3', 1);
    });

    it('an endpoint mctpd drops leaves Prometheus (its series go stale), the others stay', async () => {
      await series('cxl_up{device="mctp:1,10"} == 1', 1);
      fabric.remove(10);
      await series('cxl_up{device="mctp:1,10"}', 0);
      await series(`{serial="${hex(B)}"}`, 0);
      const up = await prom.query('cxl_up == 1');
      assert.ok(up.some((s) => s.metric.device === 'mctp:1,9'));
    });

    it('polling goes on while scans fail, and the failures are counted', async () => {
      await fabric.stopMctpd();
      (fabric.net.device(1, 9) as Type3Device).memdev.health.inject({ device_temperature: 66 });
      await series('cxl_exporter_scan_failures_total{target="--scan"} >= 1', 1);
      await series('cxl_temperature_celsius{device="mctp:1,9"} == 66', 1);
      await series('cxl_up{device="mctp:1,9"} == 1', 1);
      await fabric.startMctpd();
    });
  },
);

describe('cxlmi exporter --rescan-interval', () => {
  it('is in the help, with what happens to an endpoint that goes', async () => {
    const r = await cli(['exporter', '--help']);
    assert.match(r.out, /--rescan-interval <seconds>/);
    assert.match(r.out, /closed and its series\s+removed/);
  });

  it('takes seconds, 0 = never; anything else is a usage error', async () => {
    const r = await cli(['exporter', '--emulate', '--listen', '127.0.0.1:0', '--rescan-interval', 'soon']);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /--rescan-interval takes a number of seconds \(0 = never\)/);
  });
});
