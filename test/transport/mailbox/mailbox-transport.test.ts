import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Context } from '../../../src/endpoint/context.js';
import {
  CxlmiAbortError,
  CxlmiClosedError,
  CxlmiTransportError,
  CxlmiUnavailableError,
} from '../../../src/errors.js';
import { MailboxTransport } from '../../../src/transport/mailbox/mailbox-transport.js';
import { FakeCxlKernel, kernel61Table, kernel612Table } from './fake-cxl-kernel.js';

let sysfs: string;
before(async () => {
  sysfs = await mkdtemp(join(tmpdir(), 'cxlmi-sysfs-'));
  await mkdir(join(sysfs, 'bus/cxl/devices/mem0'), { recursive: true });
  await writeFile(join(sysfs, 'bus/cxl/devices/mem0/payload_max'), '1024\n');
});
after(() => rm(sysfs, { recursive: true, force: true }));

const open = (kernel: FakeCxlKernel, device = 'mem0') =>
  MailboxTransport.open(device, { ops: kernel, sysfsRoot: sysfs });

/** Sends one request the way an endpoint does (the signal is the endpoint's). */
function send(
  t: MailboxTransport,
  opcode: number,
  payload = new Uint8Array(),
  signal = new AbortController().signal,
) {
  return t.request({ opcode, payload, fmapi: false }, { signal, timeoutMs: 5000 });
}

/** A typed error: class, errno (name and number), and the text that says what failed and what to check. */
function transportError(cls: typeof CxlmiTransportError, errno: number | undefined, pattern: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.equal(e.errno, errno);
    assert.equal(e.transport, 'mailbox');
    assert.match(e.message, pattern);
    return true;
  };
}

describe('MailboxTransport on a stock 6.1-like kernel (no RAW, no flags)', () => {
  it('queries the command list at open and reads payload_max from sysfs', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    const t = await open(k);
    assert.equal(t.device.path, '/dev/cxl/mem0');
    assert.equal(t.maxPayload, 1024);
    assert.equal(t.commands.rawBuiltIn, false);
    assert.equal(t.commands.reportsFlags, false);
    assert.deepEqual(
      t.commands.commands.map((c) => c.id),
      [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    );
    const lsa = t.commands.commands.find((c) => c.name === 'GET_LSA')!;
    assert.deepEqual([lsa.opcode, lsa.sizeIn, lsa.sizeOut, lsa.enabled], [0x4102, 8, undefined, undefined]);
    await t.close();
  });

  it('sends an opcode the kernel lists by its kernel id (memdev Identify 0x4000 → id 1)', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    k.device = (opcode) => ({
      retval: 0,
      output: Uint8Array.from({ length: 0x43 }, (_, i) => (opcode === 0x4000 ? i : 0)),
    });
    const t = await open(k);
    const rsp = await send(t, 0x4000);
    assert.equal(rsp.retcode, 0);
    assert.equal(rsp.background, false);
    assert.equal(rsp.payload.length, 0x43);
    assert.equal(rsp.payload[0x42], 0x42);
    // The structure the kernel got: id 1, no raw opcode, no input, out.size = payload_max (1024),
    // out.payload = the fifth buffer the fake handed out (0x7f0000000000 + 4 * 0x100000).
    // prettier-ignore
    assert.deepEqual(
      [...k.sends[0]!],
      [
        0x01,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00, // retval as sent
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x04,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x40,
        0x00,
        0x00,
        0x7f,
        0x00,
        0x00,
      ],
    );
    await t.close();
  });

  it('passes input bytes for a fixed-size kernel command (Get LSA: 8 bytes)', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    let seen: number[] = [];
    k.device = (_op, input) => {
      seen = [...input];
      return { retval: 0, output: Uint8Array.of(0xaa, 0xbb) };
    };
    const t = await open(k);
    // CXL r3.1 Table 8-xx Get LSA input: offset u32 = 0x10, length u32 = 2
    const rsp = await send(t, 0x4102, Uint8Array.of(0x10, 0, 0, 0, 0x02, 0, 0, 0));
    assert.deepEqual(seen, [0x10, 0, 0, 0, 0x02, 0, 0, 0]);
    assert.deepEqual([...rsp.payload], [0xaa, 0xbb]);
    await t.close();
  });

  it('an opcode the kernel does not list goes as RAW and fails clearly when raw commands are compiled out', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    const t = await open(k);
    await assert.rejects(
      send(t, 0x0001),
      transportError(
        CxlmiUnavailableError,
        1,
        /opcode 0x0001 \(RAW\) refused: this kernel does not list the opcode.*built without CONFIG_CXL_MEM_RAW_COMMANDS.*\(EPERM 1\): raw commands need a kernel built with CONFIG_CXL_MEM_RAW_COMMANDS=y/,
      ),
    );
    const s = new DataView(k.sends[0]!.buffer);
    assert.equal(s.getUint32(0, true), 2, 'id = CXL_MEM_COMMAND_ID_RAW');
    assert.equal(s.getUint16(8, true), 0x0001, 'raw.opcode');
    assert.deepEqual(k.delivered, []);
    await t.close();
  });

  it('refuses before the ioctl when the input size differs from what the kernel demands', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    const t = await open(k);
    await assert.rejects(
      send(t, 0x4102, new Uint8Array(7)),
      /takes exactly 8 input bytes for GET_LSA \(opcode 0x4102\); the request has 7/,
    );
    await assert.rejects(
      send(t, 0x4103, new Uint8Array(1025)),
      /1025 bytes exceeds the mailbox payload size \(1024 bytes\)/,
    );
    assert.equal(k.sends.length, 0);
    await t.close();
  });

  it('reports a background start (return code 1) and the output length the kernel wrote back', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    k.device = () => ({ retval: 0x0001, output: new Uint8Array() });
    const t = await open(k);
    const rsp = await send(t, 0x0401, new Uint8Array(0x18));
    assert.equal(rsp.retcode, 1);
    assert.equal(rsp.background, true);
    assert.equal(rsp.payload.length, 0);
    await t.close();
  });

  it('a device return code comes back as it is, with no transport error', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    k.device = () => ({ retval: 0x0015, output: new Uint8Array(4) }); // Unsupported
    const t = await open(k);
    const rsp = await send(t, 0x4200);
    assert.equal(rsp.retcode, 0x15);
    assert.equal(rsp.payload.length, 0, 'out.size is not trusted after a failure return code');
    await t.close();
  });
});

describe('MailboxTransport on a 6.12-like kernel (flags reported)', () => {
  it('reads ENABLED / EXCLUSIVE and knows the ids added after 6.1', async () => {
    const k = new FakeCxlKernel(kernel612Table());
    k.table[10]!.flags = 3; // SET_LSA: ENABLED | EXCLUSIVE
    const t = await open(k);
    assert.equal(t.commands.reportsFlags, true);
    const setLsa = t.commands.commands.find((c) => c.id === 10)!;
    assert.deepEqual([setLsa.enabled, setLsa.exclusive], [true, true]);
    assert.ok(t.commands.commands.some((c) => c.name === 'GET_TIMESTAMP' && c.opcode === 0x0300));
    assert.ok(!t.commands.commands.some((c) => c.name === 'GET_POISON'));
    await t.close();
  });

  it('Get Timestamp goes by kernel id 21 here, Get Poison List (dropped from this kernel) as RAW', async () => {
    const k = new FakeCxlKernel(kernel612Table());
    k.device = () => ({ retval: 0, output: new Uint8Array(8) });
    const t = await open(k);
    await send(t, 0x0300);
    assert.equal(new DataView(k.sends[0]!.buffer).getUint32(0, true), 21);
    await assert.rejects(
      send(t, 0x4300, new Uint8Array(16)),
      transportError(CxlmiUnavailableError, 1, /0x4300 \(RAW\) refused/),
    );
    await t.close();
  });

  it('ENOTTY: the device does not offer the command', async () => {
    const k = new FakeCxlKernel(kernel612Table());
    k.enabled = new Set([1, 3, 8]);
    const t = await open(k);
    await assert.rejects(
      send(t, 0x4200),
      transportError(
        CxlmiUnavailableError,
        25,
        /opcode 0x4200 \(kernel command GET_HEALTH_INFO, id 7\) refused: the kernel or the device does not offer this command \(ENOTTY 25\)/,
      ),
    );
    await t.close();
  });

  it('EBUSY: the kernel keeps the command for itself', async () => {
    const k = new FakeCxlKernel(kernel612Table());
    k.exclusive.add(10);
    const t = await open(k);
    await assert.rejects(
      send(t, 0x4103, new Uint8Array(12)),
      transportError(
        CxlmiTransportError,
        16,
        /SET_LSA, id 10\) refused: the kernel keeps this command for itself right now \(EBUSY 16\): .*Set LSA while a pmem region/,
      ),
    );
    await t.close();
  });

  it('with RAW built in, an unlisted opcode reaches the device', async () => {
    const k = new FakeCxlKernel(kernel612Table({ raw: true }));
    k.device = (op) => ({ retval: 0, output: Uint8Array.of(op & 0xff) });
    const t = await open(k);
    assert.equal(t.commands.rawBuiltIn, true);
    const rsp = await send(t, 0x0001);
    assert.deepEqual([...rsp.payload], [0x01]);
    assert.deepEqual(k.delivered, [0x0001]);
    await t.close();
  });

  it('with RAW built in but the kernel locked down, EPERM names lockdown', async () => {
    const k = new FakeCxlKernel(kernel612Table({ raw: true }));
    k.lockdown = true;
    const t = await open(k);
    await assert.rejects(send(t, 0x0001), transportError(CxlmiUnavailableError, 1, /locked down/));
    await t.close();
  });

  it('with RAW built in, a security opcode is refused and the error says why', async () => {
    const k = new FakeCxlKernel(kernel612Table({ raw: true }));
    const t = await open(k);
    await assert.rejects(
      send(t, 0x4400),
      transportError(CxlmiUnavailableError, 1, /security \/ sanitize command sets/),
    );
    await t.close();
  });
});

describe('MailboxTransport open, close and descriptors', () => {
  it('a missing device is a typed error and leaves nothing open', async () => {
    const k = new FakeCxlKernel();
    k.openErrno = 2;
    await assert.rejects(
      open(k, 'mem7'),
      transportError(
        CxlmiUnavailableError,
        2,
        /cannot open \/dev\/cxl\/mem7: no such CXL device \(ENOENT 2\)/,
      ),
    );
    assert.equal(k.openFds.size, 0);
  });

  it('no permission is a typed error', async () => {
    const k = new FakeCxlKernel();
    k.openErrno = 13;
    await assert.rejects(
      open(k, '/dev/cxl/mem0'),
      transportError(CxlmiTransportError, 13, /permission denied \(EACCES 13\): .*run as root/),
    );
  });

  it('a node that is not a CXL memdev fails the query, and the descriptor and buffers are released', async () => {
    const k = new FakeCxlKernel();
    k.queryErrno = 25;
    await assert.rejects(open(k), transportError(CxlmiUnavailableError, 25, /is not a CXL memory device/));
    assert.equal(k.openFds.size, 0);
    assert.equal(k.liveBuffers(), 0);
  });

  it('close releases the descriptor and every buffer; later sends fail clearly', async () => {
    const k = new FakeCxlKernel();
    const t = await open(k);
    assert.equal(k.openFds.size, 1);
    await t.close();
    await t.close();
    assert.equal(k.openFds.size, 0);
    assert.equal(k.liveBuffers(), 0);
    await assert.rejects(send(t, 0x4000), CxlmiClosedError);
  });

  it('without payload_max in sysfs the mailbox size falls back to the 256-byte minimum', async () => {
    const t = await open(new FakeCxlKernel(), 'mem3');
    assert.equal(t.maxPayload, 256);
    await t.close();
  });

  it('rejects names that are not device names', async () => {
    await assert.rejects(open(new FakeCxlKernel(), 'mem0; rm'), /is not a CXL device name/);
  });

  it('an aborted caller never reaches the device; concurrent sends run one after another', async () => {
    const k = new FakeCxlKernel();
    k.device = (op) => ({ retval: 0, output: Uint8Array.of(op >> 8) });
    const t = await open(k);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(send(t, 0x4000, new Uint8Array(), ac.signal), CxlmiAbortError);
    const [a, b] = await Promise.all([send(t, 0x4100), send(t, 0x0200)]);
    assert.deepEqual([a.payload[0], b.payload[0]], [0x41, 0x02]);
    assert.deepEqual(k.delivered, [0x4100, 0x0200]);
    await t.close();
  });
});

describe('mailbox endpoints in a Context', () => {
  it('on a stock kernel the Identify probe is refused quietly: a notice, not a warning', async () => {
    const lines: Array<[number, string]> = [];
    const ctx = new Context({ probe: true, logLevel: 5, log: (level, m) => lines.push([level, m]) });
    const ep = await ctx.open('mem0', { ops: new FakeCxlKernel(kernel61Table()), sysfsRoot: sysfs });
    assert.equal(ep.identity, undefined);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]![0], 5, 'LOG_NOTICE');
    assert.match(lines[0]![1], /probe of \/dev\/cxl\/mem0 failed: .*opcode 0x0001 \(RAW\) refused/);
    await ctx.close();
  });

  it('on a stock kernel the CEL still reads: Get Supported Logs and Get Log go by kernel id', async () => {
    const k = new FakeCxlKernel(kernel61Table());
    // CEL UUID 0da9c0b5-bf41-4b78-8f79-96b1623b3f17 in wire order (CXL r3.1 Table 8-71).
    const cel = [
      0x0d, 0xa9, 0xc0, 0xb5, 0xbf, 0x41, 0x4b, 0x78, 0x8f, 0x79, 0x96, 0xb1, 0x62, 0x3b, 0x3f, 0x17,
    ];
    k.device = (opcode, input) => {
      // Get Supported Logs output (Table 8-70): 1 entry, 6 reserved, UUID, log size 8.
      if (opcode === 0x0400)
        return { retval: 0, output: Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, ...cel, 8, 0, 0, 0]) };
      // Get Log (Table 8-72 input: UUID, offset, length): two CEL entries (Table 8-75), opcode + effect.
      if (opcode === 0x0401 && input.length === 24)
        return { retval: 0, output: Uint8Array.from([0x01, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00]) };
      return { retval: 0x15, output: new Uint8Array() };
    };
    const ctx = new Context({ probe: false, log: () => {} });
    const ep = await ctx.open('mem0', { ops: k, sysfsRoot: sysfs });
    const entries = await ep.getCel();
    assert.deepEqual(
      entries.map((e) => e.opcode),
      [0x0001, 0x4000],
    );
    // Get Response Message Limit (0003h) needed RAW and was refused; the kernel's payload size rules.
    assert.deepEqual(k.delivered, [0x0400, 0x0401]);
    await ctx.close();
  });
});
