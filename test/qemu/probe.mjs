// Guest probe: runs INSIDE the QEMU lab guest (see lab.mjs) and reports, as one JSON object on
// stdout, what the kernel's CXL memdev ioctl interface offers there:
//   - /dev/cxl and /sys/bus/cxl/devices listings, mem0's sysfs attributes;
//   - CXL_MEM_QUERY_COMMANDS (count query, then the full list);
//   - CXL_MEM_SEND_COMMAND for every read-only kernel command id, for RAW, for SET_LSA,
//     and for a few malformed requests, with errno / device return code / output bytes.
// Only koffi (FFI to libc's ioctl) is used; layouts are written out by hand below from
// include/uapi/linux/cxl_mem.h (facts only).
//
//   node test/qemu/probe.mjs [--no-oversize] [/dev/cxl/mem0]
// --no-oversize skips requests longer than the mailbox payload (QEMU 7.2 aborts on them).

import { closeSync, constants as fsc, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import { lsaPattern } from './lab.mjs';

// ---- ioctl request numbers: Linux asm-generic _IOC(dir, type, nr, size) on x86-64 ----
// bits 0-7 nr, 8-15 type, 16-29 size, 30-31 dir (1 = write, 2 = read, 3 = both).
const ioc = (dir, type, nr, size) => ((dir << 30) | (size << 16) | (type << 8) | nr) >>> 0;
const QUERY_HDR_SIZE = 8; // struct cxl_mem_query_commands { u32 n_commands; u32 rsvd; info[] }
const INFO_SIZE = 16; // struct cxl_command_info { u32 id; u32 flags; u32 size_in; u32 size_out }
const SEND_SIZE = 48; // struct cxl_send_command, see encodeSend
const CXL_MEM_QUERY_COMMANDS = ioc(2, 0xce, 1, QUERY_HDR_SIZE); // _IOR(0xCE, 1, ...)
const CXL_MEM_SEND_COMMAND = ioc(3, 0xce, 2, SEND_SIZE); // _IOWR(0xCE, 2, ...)

// Kernel command ids: the order of the CXL_CMDS list in the uapi header. The list only grows
// at its end; MAX (one past the last) is 21 in 6.1's header, 25 in 6.12's (GET_TIMESTAMP,
// GET_LOG_CAPS, CLEAR_LOG, GET_SUP_LOG_SUBLIST were added before it).
const ID_NAMES = [
  'INVALID',
  'IDENTIFY',
  'RAW',
  'GET_SUPPORTED_LOGS',
  'GET_FW_INFO',
  'GET_PARTITION_INFO',
  'GET_LSA',
  'GET_HEALTH_INFO',
  'GET_LOG',
  'SET_PARTITION_INFO',
  'SET_LSA',
  'GET_ALERT_CONFIG',
  'SET_ALERT_CONFIG',
  'GET_SHUTDOWN_STATE',
  'SET_SHUTDOWN_STATE',
  'GET_POISON',
  'INJECT_POISON',
  'CLEAR_POISON',
  'GET_SCAN_MEDIA_CAPS',
  'SCAN_MEDIA',
  'GET_SCAN_MEDIA',
  'GET_TIMESTAMP',
  'GET_LOG_CAPS',
  'CLEAR_LOG',
  'GET_SUP_LOG_SUBLIST',
];
const ID = Object.fromEntries(ID_NAMES.map((n, i) => [n, i]));
const VARIABLE = 0xffffffff;

const libc = koffi.load('libc.so.6');
const ioctl = libc.func('int ioctl(int fd, unsigned long request, void *arg)');
const errnoNames = Object.fromEntries(Object.entries(koffi.os.errno).map(([k, v]) => [v, k]));

const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');

function callIoctl(fd, request, buf) {
  koffi.errno(0);
  const rc = ioctl(fd, request, buf);
  const errno = rc < 0 ? koffi.errno() : 0;
  return { rc, errno, errnoName: errno ? (errnoNames[errno] ?? String(errno)) : undefined };
}

// struct cxl_send_command (48 bytes):
//   0 u32 id | 4 u32 flags | 8 u16 raw.opcode | 10 u16 raw.rsvd | 12 u32 retval
//  16 u32 in.size | 20 u32 in.rsvd | 24 u64 in.payload
//  32 u32 out.size | 36 u32 out.rsvd | 40 u64 out.payload
function send(fd, { id, opcode = 0, input = new Uint8Array(0), outSize = 0, flags = 0 }) {
  const inBuf = Buffer.alloc(Math.max(input.length, 1));
  inBuf.set(input);
  const outBuf = Buffer.alloc(Math.max(outSize, 1));
  const cmd = Buffer.alloc(SEND_SIZE);
  cmd.writeUInt32LE(id, 0);
  cmd.writeUInt32LE(flags, 4);
  cmd.writeUInt16LE(opcode, 8);
  cmd.writeUInt32LE(input.length, 16);
  cmd.writeBigUInt64LE(input.length ? koffi.address(inBuf) : 0n, 24);
  cmd.writeUInt32LE(outSize, 32);
  cmd.writeBigUInt64LE(outSize ? koffi.address(outBuf) : 0n, 40);
  const before = cmd.readUInt32LE(32);
  const r = callIoctl(fd, CXL_MEM_SEND_COMMAND, cmd);
  const outLen = cmd.readUInt32LE(32);
  return {
    ...r,
    retval: cmd.readUInt32LE(12),
    outSizeAsked: before,
    outSizeReturned: outLen,
    out: r.rc === 0 ? new Uint8Array(outBuf.subarray(0, Math.min(outLen, outSize))) : undefined,
    cmdAfter: `${hex(cmd.subarray(0, 16))}..${hex(cmd.subarray(32, 40))}`,
  };
}

function query(fd) {
  // 1) n_commands = 0: the kernel writes the total count.
  const hdr = Buffer.alloc(QUERY_HDR_SIZE);
  const count = callIoctl(fd, CXL_MEM_QUERY_COMMANDS, hdr);
  const total = hdr.readUInt32LE(0);
  // 2) room for all of them.
  const buf = Buffer.alloc(QUERY_HDR_SIZE + INFO_SIZE * total);
  buf.writeUInt32LE(total, 0);
  const full = callIoctl(fd, CXL_MEM_QUERY_COMMANDS, buf);
  const n = buf.readUInt32LE(0);
  const commands = [];
  for (let i = 0; i < Math.min(n, total); i++) {
    const o = QUERY_HDR_SIZE + i * INFO_SIZE;
    const id = buf.readUInt32LE(o);
    commands.push({
      id,
      name: ID_NAMES[id] ?? `?${id}`,
      flags: buf.readUInt32LE(o + 4),
      sizeIn: buf.readUInt32LE(o + 8),
      sizeOut: buf.readUInt32LE(o + 12),
    });
  }
  // 3) a short buffer: n_commands = 2 must return at most 2 entries.
  const small = Buffer.alloc(QUERY_HDR_SIZE + INFO_SIZE * 2);
  small.writeUInt32LE(2, 0);
  const partial = callIoctl(fd, CXL_MEM_QUERY_COMMANDS, small);
  return {
    countCall: count,
    total,
    fullCall: full,
    nReturned: n,
    commands,
    partialCall: { ...partial, nReturned: small.readUInt32LE(0), bytes: hex(small) },
  };
}

function readSysfsDir(dir, depth = 1) {
  const out = {};
  let names;
  try {
    names = readdirSync(dir);
  } catch (e) {
    return { error: e.code };
  }
  for (const name of names) {
    const p = path.join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (depth > 0 && ['pmem', 'ram', 'security', 'firmware'].includes(name))
        out[name] = readSysfsDir(p, depth - 1);
      continue;
    }
    if (!(st.mode & 0o444)) continue;
    try {
      out[name] = readFileSync(p, 'utf8').trim();
    } catch (e) {
      out[name] = `!${e.code}`;
    }
  }
  return out;
}

const u32le = (...vals) => {
  const b = Buffer.alloc(4 * vals.length);
  for (const [i, v] of vals.entries()) b.writeUInt32LE(v, 4 * i);
  return b;
};
const u64le = (...vals) => {
  const b = Buffer.alloc(8 * vals.length);
  for (const [i, v] of vals.entries()) b.writeBigUInt64LE(BigInt(v), 8 * i);
  return b;
};
// The Command Effects Log UUID (CXL r3.1 §8.2.9.5.2, Get Log).
const CEL_UUID = '0da9c0b5-bf41-4b78-8f79-96b1623b3f17';
const uuidBytes = (s) => Buffer.from(s.replace(/-/g, ''), 'hex');

function main() {
  const argv = process.argv.slice(2);
  const oversize = !argv.includes('--no-oversize');
  const devPath = argv.find((a) => !a.startsWith('--')) ?? '/dev/cxl/mem0';
  const report = {
    node: process.version,
    arch: process.arch,
    ioctl: {
      CXL_MEM_QUERY_COMMANDS: `0x${CXL_MEM_QUERY_COMMANDS.toString(16)}`,
      CXL_MEM_SEND_COMMAND: `0x${CXL_MEM_SEND_COMMAND.toString(16)}`,
    },
  };
  try {
    report.devCxl = readdirSync('/dev/cxl');
  } catch (e) {
    report.devCxl = `!${e.code}`;
  }
  try {
    report.busCxl = readdirSync('/sys/bus/cxl/devices');
  } catch (e) {
    report.busCxl = `!${e.code}`;
  }
  report.mem0Sysfs = readSysfsDir('/sys/bus/cxl/devices/mem0');

  let fd;
  try {
    fd = openSync(devPath, fsc.O_RDWR);
  } catch (e) {
    report.open = { error: e.code };
    console.log(JSON.stringify(report, null, 1));
    process.exitCode = 2;
    return;
  }
  try {
    const q = query(fd);
    report.query = q;
    const listed = new Map(q.commands.filter((c) => c.id !== 0).map((c) => [c.id, c]));
    const sizeOutFor = (id, fallback) => {
      const c = listed.get(id);
      return c && c.sizeOut !== VARIABLE ? c.sizeOut : fallback;
    };
    const payloadMax = Number(report.mem0Sysfs.payload_max) || 1024;
    const sends = {};
    const doSend = (label, req) => {
      sends[label] = send(fd, req);
      return sends[label];
    };

    doSend('IDENTIFY', { id: ID.IDENTIFY, outSize: sizeOutFor(ID.IDENTIFY, 0x43) });
    doSend('RAW_identify_0x4000', { id: ID.RAW, opcode: 0x4000, outSize: 0x45 });
    doSend('RAW_get_timestamp_0x0300', { id: ID.RAW, opcode: 0x0300, outSize: 8 });
    const logs = doSend('GET_SUPPORTED_LOGS', {
      id: ID.GET_SUPPORTED_LOGS,
      outSize: Math.min(payloadMax, 0x400),
    });
    doSend('GET_FW_INFO', { id: ID.GET_FW_INFO, outSize: sizeOutFor(ID.GET_FW_INFO, 0x50) });
    doSend('GET_PARTITION_INFO', {
      id: ID.GET_PARTITION_INFO,
      outSize: sizeOutFor(ID.GET_PARTITION_INFO, 0x20),
    });
    doSend('GET_LSA_0_64', { id: ID.GET_LSA, input: u32le(0, 64), outSize: 64 });
    doSend('GET_LSA_4096_128', { id: ID.GET_LSA, input: u32le(4096, 128), outSize: 128 });
    // Chunk limits: a whole mailbox payload, one byte more, and twice as much.
    doSend('GET_LSA_0_payloadMax', { id: ID.GET_LSA, input: u32le(0, payloadMax), outSize: payloadMax });
    if (oversize) {
      doSend('GET_LSA_0_payloadMax_plus_1', {
        id: ID.GET_LSA,
        input: u32le(0, payloadMax + 1),
        outSize: payloadMax + 1,
      });
      doSend('GET_LSA_0_2x_payloadMax', {
        id: ID.GET_LSA,
        input: u32le(0, 2 * payloadMax),
        outSize: 2 * payloadMax,
      });
    }
    doSend('GET_LSA_last_16', {
      id: ID.GET_LSA,
      input: u32le(Number(report.mem0Sysfs.label_storage_size) - 16, 16),
      outSize: 16,
    });
    doSend('GET_HEALTH_INFO', { id: ID.GET_HEALTH_INFO, outSize: sizeOutFor(ID.GET_HEALTH_INFO, 0x12) });
    // CEL size from Get Supported Logs: u16 count, 6 reserved, then {uuid[16], u32 size} entries.
    let celSize = 0;
    if (logs.out && logs.out.length >= 8) {
      const b = Buffer.from(logs.out);
      const n = b.readUInt16LE(0);
      report.supportedLogs = [];
      for (let i = 0; i < n && 8 + 20 * (i + 1) <= b.length; i++) {
        const u = b.subarray(8 + 20 * i, 24 + 20 * i).toString('hex');
        const uuid = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
        const size = b.readUInt32LE(24 + 20 * i);
        report.supportedLogs.push({ uuid, size });
        if (uuid === CEL_UUID) celSize = size;
      }
    }
    const celLen = Math.min(celSize || 256, payloadMax);
    const cel = doSend('GET_LOG_cel', {
      id: ID.GET_LOG,
      input: Buffer.concat([uuidBytes(CEL_UUID), u32le(0, celLen)]),
      outSize: celLen,
    });
    if (cel.out) {
      const b = Buffer.from(cel.out);
      report.cel = [];
      for (let o = 0; o + 4 <= Math.min(b.length, celSize || b.length); o += 4) {
        report.cel.push({
          opcode: `0x${b.readUInt16LE(o).toString(16).padStart(4, '0')}`,
          effect: `0x${b.readUInt16LE(o + 2).toString(16)}`,
        });
      }
    }
    // The second half of the CEL by offset (chunked log reads).
    const half = Math.floor(celLen / 8) * 4;
    doSend('GET_LOG_cel_second_half', {
      id: ID.GET_LOG,
      input: Buffer.concat([uuidBytes(CEL_UUID), u32le(half, celLen - half)]),
      outSize: celLen - half,
    });
    doSend('GET_LOG_cel_past_end', {
      id: ID.GET_LOG,
      input: Buffer.concat([uuidBytes(CEL_UUID), u32le(celLen, 16)]),
      outSize: 16,
    });
    // Offset 4, length 8: entries 1 and 2 by the spec (offset in bytes).
    doSend('GET_LOG_cel_offset4_len8', {
      id: ID.GET_LOG,
      input: Buffer.concat([uuidBytes(CEL_UUID), u32le(4, 8)]),
      outSize: 8,
    });
    if (oversize) {
      doSend('GET_LOG_cel_payloadMax_plus_1', {
        id: ID.GET_LOG,
        input: Buffer.concat([uuidBytes(CEL_UUID), u32le(0, payloadMax + 1)]),
        outSize: payloadMax + 1,
      });
    }
    doSend('GET_LOG_unknown_uuid', {
      id: ID.GET_LOG,
      input: Buffer.concat([Buffer.alloc(16, 0x11), u32le(0, 16)]),
      outSize: 16,
    });
    // Ask for more than the log holds: does the device pad?
    doSend('GET_LOG_cel_oversize', {
      id: ID.GET_LOG,
      input: Buffer.concat([uuidBytes(CEL_UUID), u32le(0, celLen + 64)]),
      outSize: celLen + 64,
    });
    doSend('GET_ALERT_CONFIG', { id: ID.GET_ALERT_CONFIG, outSize: sizeOutFor(ID.GET_ALERT_CONFIG, 0x10) });
    doSend('GET_SHUTDOWN_STATE', {
      id: ID.GET_SHUTDOWN_STATE,
      outSize: sizeOutFor(ID.GET_SHUTDOWN_STATE, 1),
    });
    doSend('GET_POISON', { id: ID.GET_POISON, input: u64le(0, 1), outSize: Math.min(payloadMax, 0x200) });
    // Poison list over the whole device (length in 64-byte units), before and after
    // injecting / clearing one 64-byte line at DPA 0x1000 through the kernel's ids.
    const devBytes = Number(report.mem0Sysfs.pmem?.size ?? 0) + Number(report.mem0Sysfs.ram?.size ?? 0);
    const wholeDevice = u64le(0, Math.max(devBytes / 64, 1));
    doSend('GET_POISON_all', { id: ID.GET_POISON, input: wholeDevice, outSize: Math.min(payloadMax, 0x200) });
    doSend('INJECT_POISON_0x1000', { id: ID.INJECT_POISON, input: u64le(0x1000) });
    doSend('GET_POISON_all_after_inject', {
      id: ID.GET_POISON,
      input: wholeDevice,
      outSize: Math.min(payloadMax, 0x200),
    });
    doSend('CLEAR_POISON_0x1000', {
      id: ID.CLEAR_POISON,
      input: Buffer.concat([u64le(0x1000), Buffer.alloc(64)]),
    });
    doSend('GET_POISON_all_after_clear', {
      id: ID.GET_POISON,
      input: wholeDevice,
      outSize: Math.min(payloadMax, 0x200),
    });
    doSend('GET_SCAN_MEDIA_CAPS', {
      id: ID.GET_SCAN_MEDIA_CAPS,
      input: u64le(0, 1),
      outSize: sizeOutFor(ID.GET_SCAN_MEDIA_CAPS, 4),
    });
    doSend('GET_TIMESTAMP', { id: ID.GET_TIMESTAMP, outSize: 8 });
    doSend('GET_LOG_CAPS_cel', { id: ID.GET_LOG_CAPS, input: uuidBytes(CEL_UUID), outSize: 4 });
    // Get Supported Logs Sub-List request: u8 max entries, u8 start index.
    doSend('GET_SUP_LOG_SUBLIST', {
      id: ID.GET_SUP_LOG_SUBLIST,
      input: Buffer.from([4, 0]),
      outSize: 8 + 4 * 20,
    });
    // Writes the kernel should keep for itself while cxl_pmem is bound (zeros at LSA offset 0).
    doSend('SET_LSA_0_4', { id: ID.SET_LSA, input: Buffer.concat([u32le(0, 0), Buffer.alloc(4)]) });
    // Malformed requests.
    doSend('bad_id_0', { id: 0, outSize: 16 });
    doSend('bad_id_last_plus_1', { id: q.total, outSize: 16 });
    doSend('bad_id_1000', { id: 1000, outSize: 16 });
    doSend('IDENTIFY_flags_1', { id: ID.IDENTIFY, flags: 1, outSize: 0x43 });
    doSend('IDENTIFY_out_small_8', { id: ID.IDENTIFY, outSize: 8 });
    doSend('IDENTIFY_out_big_4096', { id: ID.IDENTIFY, outSize: 4096 });
    doSend('IDENTIFY_with_input', { id: ID.IDENTIFY, input: Buffer.alloc(4), outSize: 0x43 });
    doSend('GET_LSA_no_input', { id: ID.GET_LSA, outSize: 64 });
    doSend('GET_LSA_past_end', { id: ID.GET_LSA, input: u32le(0x3ffc0, 128), outSize: 128 });
    doSend('GET_LSA_len_gt_out', { id: ID.GET_LSA, input: u32le(0, 128), outSize: 64 });

    // The lab fills the LSA with a known pattern: check what GET_LSA returned against it.
    report.lsaMatchesPattern = {};
    const lsaSize = Number(report.mem0Sysfs.label_storage_size);
    for (const [label, offset] of [
      ['GET_LSA_0_64', 0],
      ['GET_LSA_4096_128', 4096],
      ['GET_LSA_len_gt_out', 0],
      ['GET_LSA_0_payloadMax', 0],
      ['GET_LSA_last_16', lsaSize - 16],
    ]) {
      const got = sends[label].out;
      report.lsaMatchesPattern[label] = got
        ? Buffer.compare(Buffer.from(got), Buffer.from(lsaPattern(offset, got.length))) === 0
        : null;
    }
    report.send = Object.fromEntries(
      Object.entries(sends).map(([k, v]) => [k, { ...v, out: v.out ? hex(v.out) : undefined }]),
    );
  } finally {
    closeSync(fd);
  }
  console.log(JSON.stringify(report, null, 1));
}

main();
