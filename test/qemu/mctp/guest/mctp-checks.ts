/** The guest's checks: our MCTP transport through Linux's AF_MCTP stack to the emulator. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  cxlmi_close,
  cxlmi_cmd_identify,
  cxlmi_cmd_identify_rsp,
  cxlmi_free_ctx,
  cxlmi_new_ctx,
  cxlmi_open_mctp,
} from '../../../../src/compat/index.js';
import {
  type Context,
  CxlmiAbortError,
  CxlmiTimeoutError,
  CxlmiTransportError,
  type Endpoint,
  MctpNetlink,
  tunnelSwitch,
  tunnelSwitchMld,
} from '../../../../src/index.js';
import { MCTP_TAG_OWNER } from '../../../../src/transport/mctp/mctp-constants.js';
import { nativeMctpSocketOps } from '../../../../src/transport/mctp/native-mctp-socket.js';
import { ERRNO } from '../../../../src/transport/native/errno.js';
import type { LabControl } from './lab-control.js';
import { FW_SEED, LSA_SEED, labBytes, type MctpLabConfig } from './mctp-lab-config.js';

export interface MctpCheckEnv {
  cfg: MctpLabConfig;
  ctx: Context;
  ctl: LabControl;
  ifname: string;
  ifindex: number;
  /** The Type 3 device over type 08h, opened once. */
  type3: Endpoint;
  /** The switch over type 07h, opened once. */
  sw: Endpoint;
  /** Datagrams the Type 3 endpoint's channel threw away, with why. */
  discarded: string[];
}

export interface MctpCheck {
  name: string;
  run(env: MctpCheckEnv): Promise<unknown>;
}

const serialOf = (hex: string): bigint => BigInt(hex);
const stat = (ifname: string, name: string): number =>
  Number(readFileSync(`/sys/class/net/${ifname}/statistics/${name}`, 'utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FAULT_TIMEOUT_MS = 2000;

/** One MCTP control request over a raw AF_MCTP socket (type 00h); resolves with the reply body. */
async function control(
  cfg: MctpLabConfig,
  eid: number,
  command: number,
  data: number[] = [],
): Promise<number[]> {
  const s = nativeMctpSocketOps.open();
  try {
    s.sendTo(Uint8Array.from([0x80 | 0x01, command, ...data]), {
      net: cfg.net,
      eid,
      type: 0,
      tag: MCTP_TAG_OWNER,
    });
    assert.ok(await s.waitReadable(5000), `no control reply from EID ${eid}`);
    const d = s.receive();
    assert.ok(d);
    assert.deepEqual([d.from.eid, d.from.type, d.from.tag & MCTP_TAG_OWNER], [eid, 0, 0]);
    return [...d.data];
  } finally {
    await s.close();
  }
}

/** Expects a timeout of an identify under a fault, then a good identify on the same endpoint. */
async function survives(env: MctpCheckEnv, kind: string): Promise<void> {
  await assert.rejects(env.type3.identify({ timeoutMs: FAULT_TIMEOUT_MS }), (e: unknown) => {
    assert.ok(e instanceof CxlmiTimeoutError, `${kind}: expected a timeout, got ${String(e)}`);
    return true;
  });
  const id = await env.type3.identify();
  assert.equal(id.serial_num, serialOf(env.cfg.type3Serial), `${kind}: the endpoint works afterwards`);
}

/** Reported by run-checks.ts before the checks below (they set the link up). */
export const SETUP_CHECKS = [
  'link: N_MCTP on the serial link (QEMU: hvc0; UML: a pty relayed to ttyS0) makes an mctpserial interface with MTU 68',
  'link: up, local EID, routes to the emulated EIDs, through our netlink code',
] as const;

export const mctpChecks: MctpCheck[] = [
  {
    name: 'MCTP control over AF_MCTP type 00h: Get Endpoint ID, Message Type Support, Version, UUID',
    async run({ cfg }) {
      const eid = await control(cfg, cfg.type3Eid, 0x02);
      assert.deepEqual(eid, [0x01, 0x02, 0x00, cfg.type3Eid, 0x00, 0x00]);
      assert.deepEqual(await control(cfg, cfg.type3Eid, 0x05), [0x01, 0x05, 0x00, 1, 0x08]);
      assert.deepEqual(await control(cfg, cfg.switchEid, 0x05), [0x01, 0x05, 0x00, 1, 0x07]);
      assert.deepEqual(
        await control(cfg, cfg.type3Eid, 0x04, [0xff]),
        [0x01, 0x04, 0x00, 1, 0xf1, 0xf3, 0xf1, 0x00],
      );
      const uuid = await control(cfg, cfg.type3Eid, 0x03);
      assert.equal(uuid.length, 3 + 16);
      assert.deepEqual(await control(cfg, cfg.type3Eid, 0x0a), [0x01, 0x0a, 0x05], 'unsupported command');
    },
  },
  {
    name: 'identify over type 08h: the serial number the emulator was given',
    async run({ cfg, type3 }) {
      const id = await type3.identify();
      assert.equal(id.serial_num, serialOf(cfg.type3Serial));
      assert.equal(id.component_type, 3);
      const m = await type3.memdevIdentify();
      return { serial: `0x${id.serial_num.toString(16)}`, lsa_size: m.lsa_size };
    },
  },
  {
    name: 'multi-packet replies: the whole CEL arrives reassembled by the kernel (more rx packets than replies)',
    async run({ cfg, type3, ifname }) {
      const before = stat(ifname, 'rx_packets');
      const cel = await type3.getCel();
      const packets = stat(ifname, 'rx_packets') - before;
      assert.equal(cel.length, cfg.celEntries);
      assert.ok(packets > 2, `the CEL came in ${packets} packets`);
      return { entries: cel.length, packets };
    },
  },
  {
    name: 'multi-packet requests: Set LSA of 1 KiB in one message, read back through Get LSA',
    async run({ cfg, type3, ifname }) {
      const data = labBytes(cfg.lsaLength, LSA_SEED);
      const before = stat(ifname, 'tx_packets');
      await type3.writeLsa(cfg.lsaOffset, data);
      const sent = stat(ifname, 'tx_packets') - before;
      assert.ok(sent >= Math.ceil((data.length + 8 + 12 + 1) / 64), `the write went out in ${sent} packets`);
      assert.deepEqual(await type3.readLsa(cfg.lsaOffset, data.length), data);
      return { bytes: data.length, txPackets: sent };
    },
  },
  {
    name: 'multi-packet requests: Transfer FW in parts to a slot',
    async run({ cfg, type3 }) {
      const image = labBytes(cfg.fwLength, FW_SEED);
      const r = await type3.transferFw(image, { slot: cfg.fwSlot, chunkSize: 512, intervalMs: 20 });
      assert.ok(r.parts >= 2, `${r.parts} parts`);
      return { parts: r.parts };
    },
  },
  {
    name: 'timeout, then the late reply is discarded as stale and the next command gets its own answer',
    async run(env) {
      env.ctl.ask({
        op: 'fault',
        rule: { fault: { kind: 'delay', ms: 3000 }, eid: env.cfg.type3Eid, times: 1 },
      });
      const before = env.discarded.length;
      await assert.rejects(env.type3.identify({ timeoutMs: 1000 }), CxlmiTimeoutError);
      await sleep(3000); // the late reply lands in the socket's queue
      const { timestamp } = await env.type3.getTimestamp();
      assert.equal(typeof timestamp, 'bigint');
      const why = env.discarded.slice(before);
      assert.deepEqual(why, ['not the response to this request']);
      return { discarded: why };
    },
  },
  {
    name: 'concurrent sockets and tags: 6 endpoints to the same EID, 4 rounds in parallel, each reply to its asker',
    async run({ cfg, ctx }) {
      const eps = await Promise.all(Array.from({ length: 6 }, () => ctx.openMctp(cfg.net, cfg.type3Eid)));
      try {
        for (let round = 0; round < 4; round++) {
          const results = await Promise.all(
            eps.map((ep, i) =>
              i % 2 ? ep.identify().then((x) => x.serial_num) : ep.memdevIdentify().then((x) => x.lsa_size),
            ),
          );
          for (const [i, r] of results.entries()) {
            assert.equal(typeof r, i % 2 ? 'bigint' : 'number', `endpoint ${i}, round ${round}`);
          }
        }
      } finally {
        for (const ep of eps) await ep.close();
      }
    },
  },
  {
    name: 'EHOSTUNREACH with its hint for an EID no route leads to',
    async run({ cfg, ctx }) {
      const ep = await ctx.openMctp(cfg.net, cfg.unroutedEid);
      try {
        const e = await ep.identify().then(
          () => assert.fail('an unrouted EID answered'),
          (err: unknown) => err,
        );
        assert.ok(e instanceof CxlmiTransportError, String(e));
        assert.equal(e.errno, ERRNO.EHOSTUNREACH, e.message);
        assert.match(e.hint ?? '', /no route to MCTP network \d+ EID \d+/);
        return { message: e.message };
      } finally {
        await ep.close();
      }
    },
  },
  {
    name: 'abort: a signal ends a request whose reply was dropped; the endpoint answers afterwards',
    async run(env) {
      env.ctl.ask({ op: 'fault', rule: { fault: { kind: 'drop' }, eid: env.cfg.type3Eid, times: 1 } });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 300);
      await assert.rejects(env.type3.identify({ signal: ac.signal }), CxlmiAbortError);
      assert.equal((await env.type3.identify()).serial_num, serialOf(env.cfg.type3Serial));
    },
  },
  {
    name: 'FM-API over type 07h: Identify Switch Device and physical ports of the emulated switch',
    async run({ sw }) {
      const id = await sw.identifySwitchDevice();
      assert.ok(id.num_physical_ports >= 3, `${id.num_physical_ports} ports`);
      const own = await sw.identify();
      assert.equal(own.component_type, 0, 'a switch');
      return { ports: id.num_physical_ports, vcs: id.num_vcs };
    },
  },
  {
    name: 'tunnel, 1 level over MCTP: switch port 2 to the MLD (its FM-owned LD)',
    async run({ cfg, sw }) {
      const id = await sw.identify({ tunnel: tunnelSwitch(cfg.mldPort) });
      assert.equal(id.serial_num, serialOf(cfg.mldSerial));
      const info = await sw.getLdInfo({ tunnel: tunnelSwitch(cfg.mldPort) });
      assert.ok(info.ld_count >= 1);
      return { ld_count: info.ld_count };
    },
  },
  {
    name: 'tunnel, 2 levels over MCTP: switch port 2, then LD 0 of the MLD (Type 3 commands)',
    async run({ cfg, sw }) {
      const tunnel = tunnelSwitchMld(cfg.mldPort, 0);
      const id = await sw.identify({ tunnel });
      assert.equal(id.serial_num, serialOf(cfg.ld0Serial));
      const m = await sw.memdevIdentify({ tunnel });
      assert.ok(m.total_capacity_bytes > 0n);
    },
  },
  {
    name: 'compat: cxlmi_open_mctp and cxlmi_cmd_identify as the reference spells them',
    async run({ cfg }) {
      const ctx = cxlmi_new_ctx(null, 4);
      try {
        const ep = await cxlmi_open_mctp(ctx, cfg.net, cfg.type3Eid);
        const rsp = cxlmi_cmd_identify_rsp();
        await cxlmi_cmd_identify(ep, null, rsp);
        assert.equal(rsp.serial_num, serialOf(cfg.type3Serial));
        await cxlmi_close(ep);
      } finally {
        await cxlmi_free_ctx(ctx);
      }
    },
  },
  {
    name: 'fault survived: dropped reply (timeout, then usable)',
    async run(env) {
      env.ctl.ask({ op: 'fault', rule: { fault: { kind: 'drop' }, eid: env.cfg.type3Eid, times: 1 } });
      await survives(env, 'drop');
    },
  },
  {
    name: 'fault survived: reply with a stale tag (the kernel has no key for it: timeout, then usable)',
    async run(env) {
      env.ctl.ask({ op: 'fault', rule: { fault: { kind: 'stale-tag' }, eid: env.cfg.type3Eid, times: 1 } });
      await survives(env, 'stale-tag');
    },
  },
  {
    name: 'fault survived: corrupted FCS (the kernel counts a CRC error and drops it; then usable)',
    async run(env) {
      const before = stat(env.ifname, 'rx_crc_errors');
      env.ctl.ask({ op: 'fault', rule: { fault: { kind: 'corrupt-fcs' }, eid: env.cfg.type3Eid, times: 1 } });
      await survives(env, 'corrupt-fcs');
      assert.equal(stat(env.ifname, 'rx_crc_errors') - before, 1);
    },
  },
  {
    name: 'fault survived: reply from the wrong EID (dropped by the kernel; then usable)',
    async run(env) {
      env.ctl.ask({ op: 'fault', rule: { fault: { kind: 'wrong-eid' }, eid: env.cfg.type3Eid, times: 1 } });
      await survives(env, 'wrong-eid');
    },
  },
  {
    name: 'fault survived: frames split across many small writes (the reply still arrives, multi-packet too)',
    async run(env) {
      env.ctl.ask({
        op: 'fault',
        rule: { fault: { kind: 'split', chunk: 3, gapMs: 2 }, eid: env.cfg.type3Eid, times: 2 },
      });
      assert.equal((await env.type3.identify()).serial_num, serialOf(env.cfg.type3Serial));
      assert.equal((await env.type3.getCel()).length, env.cfg.celEntries);
    },
  },
  {
    name: 'fault survived: a late reply (delay past the timeout, then usable)',
    async run(env) {
      env.ctl.ask({
        op: 'fault',
        rule: { fault: { kind: 'delay', ms: 2500 }, eid: env.cfg.type3Eid, times: 1 },
      });
      await survives(env, 'delay');
    },
  },
  {
    name: 'netlink: adding the local EID again is EEXIST as a typed error, the link is still up',
    async run({ cfg, ifindex, ifname }) {
      const nl = MctpNetlink.open();
      try {
        await assert.rejects(nl.addAddress(ifindex, cfg.localEid), (e: unknown) => {
          assert.ok(e instanceof CxlmiTransportError);
          assert.equal(e.errno, ERRNO.EEXIST, e.message);
          return true;
        });
      } finally {
        nl.close();
      }
      const flags = Number(readFileSync(`/sys/class/net/${ifname}/flags`, 'utf8'));
      assert.equal(flags & 1, 1, 'IFF_UP');
    },
  },
];
