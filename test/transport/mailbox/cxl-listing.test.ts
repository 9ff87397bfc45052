import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listCxlDevices } from '../../../src/transport/mailbox/cxl-listing.js';

let root: string;
const w = async (path: string, text: string) => {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
};

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cxlmi-list-'));
  // A sysfs tree as drivers/cxl/core/memdev.c prints it (%#llx for sizes and serial).
  const m = 'sys/bus/cxl/devices/mem10';
  await w(`${m}/serial`, '0x123456789abcdef0\n');
  await w(`${m}/firmware_version`, 'BWFW VERSION 00\n');
  await w(`${m}/ram/size`, '0x10000000\n');
  await w(`${m}/pmem/size`, '0x0\n');
  await w(`${m}/payload_max`, '2048\n');
  await w(`${m}/label_storage_size`, '262144\n');
  await w(`${m}/numa_node`, '-1\n');
  await w('sys/bus/cxl/devices/mem2/serial', 'garbage\n');
  await mkdir(join(root, 'sys/bus/cxl/devices/port1'), { recursive: true });
  await mkdir(join(root, 'sys/bus/cxl/devices/decoder0.0'), { recursive: true });
  await w('dev/cxl/mem10', '');
  await w('dev/cxl/mem2', '');
  await w('dev/cxl/mem99', '');
});
after(() => rm(root, { recursive: true, force: true }));

describe('listCxlDevices', () => {
  it('lists memdevs in numeric order with what sysfs says, and nodes without a memdev', async () => {
    const l = await listCxlDevices({ sysfsRoot: join(root, 'sys'), devRoot: join(root, 'dev/cxl') });
    assert.equal(l.bus, true);
    assert.deepEqual(
      l.memdevs.map((m) => m.name),
      ['mem2', 'mem10'],
    );
    const m = l.memdevs[1]!;
    assert.equal(m.devicePath, join(root, 'dev/cxl/mem10'));
    assert.equal(m.serial, 0x123456789abcdef0n);
    assert.equal(m.firmwareVersion, 'BWFW VERSION 00');
    assert.equal(m.ramSize, 0x10000000n);
    assert.equal(m.pmemSize, 0n);
    assert.equal(m.payloadMax, 2048);
    assert.equal(m.labelStorageSize, 262144);
    assert.equal(m.numaNode, undefined, '-1 means no node');
    assert.equal(l.memdevs[0]!.serial, undefined, 'unparseable attributes are absent, not fatal');
    assert.deepEqual(l.otherNodes, ['mem99']);
    assert.deepEqual(l.busDevices, ['decoder0.0', 'mem2', 'mem10', 'port1']);
  });

  it('a machine without the CXL bus lists nothing and says so', async () => {
    const l = await listCxlDevices({ sysfsRoot: join(root, 'nowhere'), devRoot: join(root, 'nowhere/dev') });
    assert.deepEqual(l, { bus: false, memdevs: [], otherNodes: [], busDevices: [] });
  });
});
