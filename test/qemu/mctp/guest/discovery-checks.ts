/**
 * mctpd discovery against endpoints that really exist on the kernel's MCTP stack: the stand-in
 * service (test/discovery) runs on a private dbus-daemon in the guest and publishes what a real
 * mctpd would have learnt by asking each routed EID Get Message Type Support over MCTP control.
 */
import assert from 'node:assert/strict';
import { Variant } from '@jellybrick/dbus-next';
import { CODECONSTRUCT_NAMING } from '../../../../src/discovery/mctpd-namings.js';
import { Context } from '../../../../src/index.js';
import { MCTP_TAG_OWNER } from '../../../../src/transport/mctp/mctp-constants.js';
import { nativeMctpSocketOps } from '../../../../src/transport/mctp/native-mctp-socket.js';
import { startPrivateBus } from '../../../discovery/private-bus.js';
import { type ObjectTree, startStandInMctpd } from '../../../discovery/standin-mctpd.js';
import type { MctpCheck } from './mctp-checks.js';

async function messageTypes(net: number, eid: number): Promise<number[]> {
  const s = nativeMctpSocketOps.open();
  try {
    s.sendTo(Uint8Array.of(0x80, 0x05), { net, eid, type: 0, tag: MCTP_TAG_OWNER });
    assert.ok(await s.waitReadable(5000), `EID ${eid}: no answer to Get Message Type Support`);
    const d = s.receive();
    assert.ok(d && d.data[2] === 0, `EID ${eid}: bad control reply`);
    return [0x00, ...d.data.subarray(4, 4 + d.data[3])];
  } finally {
    await s.close();
  }
}

export const mctpdChecks: MctpCheck[] = [
  {
    name: 'mctpd discovery: the stand-in on a private bus names the kernel-routed EIDs; scanMctp opens and identifies them',
    async run({ cfg }) {
      const bus = await startPrivateBus();
      const root = CODECONSTRUCT_NAMING.rootPath;
      const objects: ObjectTree = {};
      for (const eid of [cfg.localEid, cfg.type3Eid, cfg.switchEid]) {
        const types = eid === cfg.localEid ? [0] : await messageTypes(cfg.net, eid);
        objects[`${root}/networks/${cfg.net}/endpoints/${eid}`] = {
          'xyz.openbmc_project.MCTP.Endpoint': {
            NetworkId: new Variant('u', cfg.net),
            EID: new Variant('y', eid),
            SupportedMessageTypes: new Variant('ay', Buffer.from(types)),
          },
          'au.com.codeconstruct.MCTP.Endpoint1': {},
        };
      }
      const service = await startStandInMctpd(bus.address, CODECONSTRUCT_NAMING.service, root, objects);
      const ctx = new Context();
      try {
        const eps = await ctx.scanMctp({ busAddress: bus.address, busTimeoutMs: 5000 });
        assert.deepEqual(
          eps.map((e) => e.description).sort(),
          [`mctp:${cfg.net},${cfg.switchEid}`, `mctp:${cfg.net},${cfg.type3Eid}`].sort(),
        );
        const serials = await Promise.all(eps.map(async (e) => (await e.identify()).serial_num));
        assert.ok(serials.includes(BigInt(cfg.type3Serial)));
        return { found: eps.map((e) => e.description) };
      } finally {
        await ctx.close();
        await service.stop();
        await bus.stop();
      }
    },
  },
];
