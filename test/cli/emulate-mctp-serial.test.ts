import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeMessage, encodeMessage } from '../../src/protocol/header.js';
import { SerialRequester } from '../emulator/mctp/serial-requester.js';
import { cli } from './run-cli.js';

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const request = (type: number, tag: number, opcode: number) =>
  Uint8Array.from([type, ...encodeMessage({ category: 0, tag, opcode, payload: new Uint8Array(0) })]);

/** Identify to the Type 3 device (08h) and Identify Switch Device to the switch (07h). */
async function exchange(path: string): Promise<void> {
  const link = await SerialRequester.open(path);
  try {
    link.send({ dest: 20, src: 8, tag: 1, bytes: request(0x08, 7, 0x0001) });
    link.send({ dest: 21, src: 8, tag: 2, bytes: request(0x07, 8, 0x5100) });
    const [a, b] = await link.waitFor(2);
    assert.equal(a.src, 20);
    assert.equal(decodeMessage(a.bytes.subarray(1)).payload[17], 3, 'component type: a Type 3 device');
    assert.equal(b.src, 21);
    assert.equal(decodeMessage(b.bytes.subarray(1)).retcode, 0, 'the switch answers Identify Switch Device');
  } finally {
    link.close();
  }
}

describe('cxlmi emulate --mctp-serial', () => {
  it('serves the Type 3 device and the fabric on consecutive EIDs until Ctrl-C, then removes the socket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cxlmi-emulate-'));
    const path = join(dir, 'mctp.sock');
    const signals = new EventEmitter();
    let out = '';
    const done = cli(['emulate', '--mctp-serial', path, '--eid', '20'], {
      signals,
      stdout: (t) => {
        out += t;
      },
    });
    try {
      await until(() => out.includes('EID 23'));
      assert.match(out, /EID 20 {2}type3 {2}message type 08h/);
      assert.match(out, /EID 21 {2}switch0 {2}message type 07h/);
      await exchange(path);
    } finally {
      signals.emit('SIGINT');
    }
    const r = await done;
    assert.equal(r.code, 0);
    assert.match(out, /stopped/);
    assert.equal(existsSync(path), false);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad --eid and a path that is not a socket', async () => {
    const r = await cli(['emulate', '--mctp-serial', '/tmp/x.sock', '--eid', '255']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--eid takes an EID from 1 to 254/);
    const dir = await mkdtemp(join(tmpdir(), 'cxlmi-emulate-'));
    const f = await cli(['emulate', '--mctp-serial', dir]);
    assert.equal(f.code, 2);
    assert.match(f.err, /not a socket/);
    await rm(dir, { recursive: true, force: true });
  });
});
