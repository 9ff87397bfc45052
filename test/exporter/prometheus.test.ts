/**
 * The exporter against a real Prometheus: Prometheus scrapes it, and its query API shows the
 * emulator's values — also after a fault is injected into one endpoint.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { EmulatorLink, emulatorTransport } from '../../src/emulator/link.js';
import { defaultTopology } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import type { Endpoint } from '../../src/endpoint/endpoint.js';
import { type Exporter, startExporter } from '../../src/exporter/server.js';
import { MessageTransport } from '../../src/transport/message-link.js';
import { needs, requireUnderCi } from '../helpers/prerequisite.js';
import {
  eventually,
  prometheusAvailable,
  type RunningPrometheus,
  startPrometheus,
} from '../helpers/prometheus.js';

const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

describe(
  'exporter scraped by a real Prometheus',
  needs(prometheusAvailable(), 'prometheus is not installed'),
  () => {
    requireUnderCi(prometheusAvailable(), 'prometheus is not installed');
    let ctx: Context;
    let exporter: Exporter;
    let prom: RunningPrometheus;
    let faultyLink: EmulatorLink;
    let type3: Type3Device;
    const FAULTY_SERIAL = '0x00000000000badd0';

    before(async () => {
      ctx = new Context({ probe: false, log: () => {} });
      const eps: Endpoint[] = [];
      for (const spec of defaultTopology()) {
        if (spec.name === 'type3') type3 = spec.device as Type3Device;
        eps.push(
          await ctx.openTransport(
            emulatorTransport(spec.device, { description: `emulator:${spec.name}`, ...spec.link }),
          ),
        );
      }
      faultyLink = new EmulatorLink(new Type3Device({ serialNumber: 0xbadd0n }), {
        description: 'emulator:faulty',
      });
      eps.push(await ctx.openTransport(new MessageTransport(faultyLink), { timeoutMs: 100 }));
      exporter = await startExporter(eps, { listen: '127.0.0.1:0', intervalMs: 200, timeoutMs: 500 });
      prom = await startPrometheus(exporter.address);
    });

    after(async () => {
      await prom?.stop();
      await exporter?.close();
      await ctx?.close();
    });

    it('Prometheus sees every endpoint up, with its identity', async () => {
      const up = await eventually('cxl_up series', 30_000, async () => {
        const r = await prom.query('cxl_up');
        return r.length >= 2 ? r : undefined;
      });
      for (const s of up) assert.equal(s.value[1], '1', JSON.stringify(s.metric));
      const info = await prom.query('cxl_device_info{device="emulator:type3"}');
      assert.equal(info.length, 1);
      assert.equal(info[0].metric.vendor_id, '0x1b36');
      assert.equal(info[0].metric.serial, '0x00c0ffee12345678');
      assert.equal(info[0].metric.transport, 'emulator');
      assert.equal(info[0].metric.component_type, '0x03');
    });

    it("the emulator's health values reach Prometheus, and so does a change", async () => {
      const h = type3.memdev.health;
      const temp = await eventually('temperature', 30_000, async () => {
        const r = await prom.query('cxl_temperature_celsius{device="emulator:type3"}');
        return r.length === 1 ? r[0] : undefined;
      });
      assert.equal(Number(temp.value[1]), h.device_temperature);
      const life = await prom.query('cxl_life_used_ratio{device="emulator:type3"}');
      assert.equal(Number(life[0].value[1]), h.life_used / 100);
      const cap = await prom.query('cxl_capacity_bytes{device="emulator:type3",kind="total"}');
      assert.ok(Number(cap[0].value[1]) > 0);
      const logs = await prom.query('cxl_event_records{device="emulator:type3"}');
      assert.equal(logs.length, 4);
      const fw = await prom.query('cxl_firmware_info{device="emulator:type3",active="true"}');
      assert.equal(fw.length, 1);

      h.inject({ health_status: 0b100, device_temperature: 77, dirty_shutdown_count: 3 });
      await eventually('the injected temperature', 30_000, async () => {
        const r = await prom.query('cxl_temperature_celsius{device="emulator:type3"} == 77');
        return r.length === 1 ? r : undefined;
      });
      const cond = await prom.query(
        'cxl_health_condition{device="emulator:type3",condition="hardware_replacement_needed"}',
      );
      assert.equal(cond[0].value[1], '1');
      const dirty = await prom.query('cxl_dirty_shutdowns_total{device="emulator:type3"}');
      assert.equal(dirty[0].value[1], '3');
      const warnings = await prom.query('cxl_event_records{device="emulator:type3",log="warning"}');
      assert.ok(Number(warnings[0].value[1]) >= 1, 'the health change raised a warning event');
    });

    it('what Prometheus scrapes passes promtool check metrics (from the same Debian package)', async () => {
      const text = await (await fetch(`http://${exporter.address}/metrics`)).text();
      const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      assert.equal(r.error, undefined, `promtool could not run: ${r.error?.message}`);
      assert.equal(`${r.stdout}${r.stderr}`.trim(), '', 'no promtool findings');
      assert.equal(r.status, 0);
    });

    it('the memory RAS metrics reach Prometheus: scrub settings and ECS per FRU', async () => {
      const cycle = await eventually('the scrub cycle', 30_000, async () => {
        const r = await prom.query('cxl_patrol_scrub_cycle_seconds{device="emulator:type3"}');
        return r.length === 1 ? r[0] : undefined;
      });
      assert.equal(Number(cycle.value[1]), 12 * 3600);
      const ecs = await prom.query('cxl_ecs_threshold_errors_per_gb{device="emulator:type3"}');
      assert.deepEqual(ecs.map((x) => x.value[1]).sort(), ['256', '256', '256']);
    });

    it('a faulted endpoint turns to up=0 with a poll error, and the others stay up', async () => {
      faultyLink.faults.add({ fault: { kind: 'drop' } });
      const down = await eventually('the faulted endpoint down', 30_000, async () => {
        const r = await prom.query(`cxl_up{serial="${FAULTY_SERIAL}"} == 0`);
        return r.length === 1 ? r : undefined;
      });
      assert.equal(down[0].metric.device, 'emulator:faulty');
      const errors = await prom.query(`cxl_poll_errors_total{serial="${FAULTY_SERIAL}"}`);
      assert.ok(Number(errors[0].value[1]) >= 1);
      const others = await prom.query(`cxl_up{serial!="${FAULTY_SERIAL}"}`);
      assert.ok(others.length >= 1 && others.every((s) => s.value[1] === '1'));
      faultyLink.faults.clear();
      await eventually('the faulted endpoint back up', 30_000, async () => {
        const r = await prom.query(`cxl_up{serial="${FAULTY_SERIAL}"} == 1`);
        return r.length === 1 ? r : undefined;
      });
    });
  },
);
