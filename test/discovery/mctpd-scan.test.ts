import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Variant } from '@jellybrick/dbus-next';
import { cxlmi_scan_mctp } from '../../src/compat/context.js';
import { CODECONSTRUCT_NAMING, OPENBMC_NAMING } from '../../src/discovery/mctpd-namings.js';
import { scanMctpd } from '../../src/discovery/mctpd-scan.js';
import { Context } from '../../src/endpoint/context.js';
import { CxlmiAbortError, CxlmiTransportError, CxlmiUnavailableError } from '../../src/errors.js';
import { requestOf, responseBytes } from '../helpers/links.js';
import { FakeMctpSocketOps } from '../transport/mctp/fake-mctp-socket.js';
import { type PrivateBus, startPrivateBus } from './private-bus.js';
import { type ObjectTree, type StandInMctpd, startStandInMctpd } from './standin-mctpd.js';

const EP = 'xyz.openbmc_project.MCTP.Endpoint';

/** One endpoint's properties with mctpd's current types (EID y, NetworkId u, ay). */
function endpoint(net: number, eid: number, types: number[]): Record<string, Record<string, Variant>> {
  return {
    [EP]: {
      NetworkId: new Variant('u', net),
      EID: new Variant('y', eid),
      SupportedMessageTypes: new Variant('ay', Buffer.from(types)),
    },
    'au.com.codeconstruct.MCTP.Endpoint1': {},
  };
}

async function rejectsDiscovery(
  p: Promise<unknown>,
  pattern: RegExp,
  cls: typeof CxlmiTransportError = CxlmiTransportError,
): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    assert.equal(err.transport, 'dbus');
    assert.match(err.message, pattern);
    return true;
  });
}

describe('mctpd discovery over a private dbus-daemon', () => {
  let bus: PrivateBus;
  const services: StandInMctpd[] = [];
  const serve = async (
    naming: typeof CODECONSTRUCT_NAMING,
    objects: ObjectTree,
    opts?: { objectManager?: boolean },
  ) => {
    const s = await startStandInMctpd(bus.address, naming.service, naming.rootPath, objects, opts);
    services.push(s);
    return s;
  };
  const stopAll = async () => {
    for (const s of services.splice(0)) await s.stop();
  };

  before(async () => {
    bus = await startPrivateBus();
  });
  after(async () => {
    await stopAll();
    await bus.stop();
  });

  it("finds CXL endpoints under today's naming (au.com.codeconstruct.MCTP1)", async () => {
    const root = '/au/com/codeconstruct/mctp1';
    await serve(CODECONSTRUCT_NAMING, {
      [`${root}/interfaces/mctpi2c1`]: {
        'au.com.codeconstruct.MCTP.Interface1': { NetworkId: new Variant('u', 1) },
      },
      [`${root}/networks/1/endpoints/8`]: endpoint(1, 8, [0x00]), // our own local EID: control only
      [`${root}/networks/1/endpoints/10`]: endpoint(1, 10, [0x00, 0x07, 0x08]), // switch: FM-API + CCI
      [`${root}/networks/1/endpoints/9`]: endpoint(1, 9, [0x00, 0x08]), // Type 3 device: CCI
      [`${root}/networks/2/endpoints/20`]: endpoint(2, 20, [0x00, 0x01, 0x04]), // PLDM + NVMe-MI: not CXL
    });
    const result = await scanMctpd({ busAddress: bus.address, busTimeoutMs: 3000 });
    await stopAll();
    assert.equal(result.naming.label, 'codeconstruct');
    assert.deepEqual(
      result.endpoints.map(({ path, net, eid, cci, fmapi, messageTypes }) => ({
        path,
        net,
        eid,
        cci,
        fmapi,
        messageTypes,
      })),
      [
        {
          path: `${root}/networks/1/endpoints/9`,
          net: 1,
          eid: 9,
          cci: true,
          fmapi: false,
          messageTypes: [0, 8],
        },
        {
          path: `${root}/networks/1/endpoints/10`,
          net: 1,
          eid: 10,
          cci: true,
          fmapi: true,
          messageTypes: [0, 7, 8],
        },
      ],
    );
  });

  it('finds CXL endpoints under the older naming (xyz.openbmc_project.MCTP), NetworkId as i', async () => {
    await serve(OPENBMC_NAMING, {
      '/xyz/openbmc_project/mctp/3/12': {
        [EP]: {
          NetworkId: new Variant('i', 3), // older mctpd exported a signed NetworkId
          EID: new Variant('y', 12),
          SupportedMessageTypes: new Variant('ay', Buffer.from([0x00, 0x07])),
        },
      },
    });
    const result = await scanMctpd({ busAddress: bus.address, busTimeoutMs: 3000 });
    await stopAll();
    assert.equal(result.naming.label, 'openbmc');
    assert.deepEqual(
      result.endpoints.map(({ net, eid, cci, fmapi }) => ({ net, eid, cci, fmapi })),
      [{ net: 3, eid: 12, cci: false, fmapi: true }],
    );
  });

  it('prefers the current naming when both names are owned', async () => {
    await serve(OPENBMC_NAMING, { '/xyz/openbmc_project/mctp/1/30': endpoint(1, 30, [0x08]) });
    await serve(CODECONSTRUCT_NAMING, {
      '/au/com/codeconstruct/mctp1/networks/1/endpoints/31': endpoint(1, 31, [0x08]),
    });
    const result = await scanMctpd({ busAddress: bus.address, busTimeoutMs: 3000 });
    await stopAll();
    assert.equal(result.naming.service, 'au.com.codeconstruct.MCTP1');
    assert.deepEqual(
      result.endpoints.map((e) => e.eid),
      [31],
    );
  });

  it('a missing bus gives a clear error', async () => {
    await rejectsDiscovery(
      scanMctpd({ busAddress: bus.deadAddress, busTimeoutMs: 3000 }),
      /cannot reach the D-Bus bus at unix:path=.*nobody-listens\.sock: .*ENOENT.*DBUS_SYSTEM_BUS_ADDRESS selects another bus/,
      CxlmiUnavailableError,
    );
  });

  it('a bus without mctpd gives a clear error naming both services', async () => {
    await rejectsDiscovery(
      scanMctpd({ busAddress: bus.address, busTimeoutMs: 3000 }),
      /mctpd is not running .*au\.com\.codeconstruct\.MCTP1 or xyz\.openbmc_project\.MCTP: start mctpd/,
      CxlmiUnavailableError,
    );
  });

  it('a service without an ObjectManager at its root gives a clear error', async () => {
    await serve(CODECONSTRUCT_NAMING, {}, { objectManager: false });
    await rejectsDiscovery(
      scanMctpd({ busAddress: bus.address, busTimeoutMs: 3000 }),
      /refused GetManagedObjects on \/au\/com\/codeconstruct\/mctp1: org\.freedesktop\.DBus\.Error\.UnknownMethod/,
    );
    await stopAll();
  });

  const malformed: Array<[string, Record<string, Variant>, RegExp]> = [
    [
      'EID as a string',
      {
        NetworkId: new Variant('u', 1),
        EID: new Variant('s', '9'),
        SupportedMessageTypes: new Variant('ay', Buffer.from([8])),
      },
      /\/endpoints\/9: property xyz\.openbmc_project\.MCTP\.Endpoint\.EID has D-Bus type 's', expected an integer/,
    ],
    [
      'EID out of range',
      {
        NetworkId: new Variant('u', 1),
        EID: new Variant('q', 0x1ff),
        SupportedMessageTypes: new Variant('ay', Buffer.from([8])),
      },
      /EID is 511, expected an integer in 1\.\.254/,
    ],
    [
      'NetworkId missing',
      { EID: new Variant('y', 9), SupportedMessageTypes: new Variant('ay', Buffer.from([8])) },
      /NetworkId is missing/,
    ],
    [
      'negative NetworkId',
      {
        NetworkId: new Variant('i', -1),
        EID: new Variant('y', 9),
        SupportedMessageTypes: new Variant('ay', Buffer.from([8])),
      },
      /NetworkId is -1/,
    ],
    [
      'message types as strings',
      {
        NetworkId: new Variant('u', 1),
        EID: new Variant('y', 9),
        SupportedMessageTypes: new Variant('as', ['8']),
      },
      /SupportedMessageTypes has D-Bus type 'as', expected 'ay'/,
    ],
  ];
  for (const [what, props, pattern] of malformed) {
    it(`malformed properties (${what}) give a clear error`, async () => {
      await serve(CODECONSTRUCT_NAMING, {
        '/au/com/codeconstruct/mctp1/networks/1/endpoints/9': { [EP]: props },
      });
      await rejectsDiscovery(scanMctpd({ busAddress: bus.address, busTimeoutMs: 3000 }), pattern);
      await stopAll();
    });
  }

  it('an already-aborted signal stops the scan', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(scanMctpd({ busAddress: bus.address, signal: ac.signal }), CxlmiAbortError);
  });

  it('Context.scanMctp opens every CXL endpoint found, FM-API where 0x07 is listed, once', async () => {
    const root = '/au/com/codeconstruct/mctp1';
    await serve(CODECONSTRUCT_NAMING, {
      [`${root}/networks/1/endpoints/9`]: endpoint(1, 9, [0x00, 0x08]),
      [`${root}/networks/1/endpoints/10`]: endpoint(1, 10, [0x00, 0x07, 0x08]),
      [`${root}/networks/1/endpoints/11`]: endpoint(1, 11, [0x00, 0x05]),
      [`${root}/networks/1/endpoints/12`]: endpoint(1, 12, [0x00, 0x07]),
    });
    const ops = new FakeMctpSocketOps();
    const ctx = new Context({ probe: false, log: () => {} });
    const eps = await ctx.scanMctp({ busAddress: bus.address, busTimeoutMs: 3000, ops });
    assert.deepEqual(
      eps.map((ep) => [ep.description, ep.hasFmapi]),
      [
        ['mctp:1,9', false],
        ['mctp:1,10', true],
        ['mctp:1,12', true],
      ],
    );
    // The FM-API-only endpoint gets its messages as type 0x07 (cci: false).
    const ep12 = eps[2]!;
    ops.sockets[2]!.behaviour = (data, to) => [
      { data: responseBytes(requestOf(data)), from: { net: 1, eid: 12, type: to.type, tag: 0 } },
    ];
    await ep12.request(0x0002);
    assert.equal(ops.sockets[2]!.sent[0]!.to.type, 0x07);
    assert.equal((await ctx.scanMctp({ busAddress: bus.address, busTimeoutMs: 3000, ops })).length, 0);
    assert.equal(ctx.endpoints.length, 3);
    await ctx.close();
    await stopAll();
    assert.ok(ops.sockets.every((s) => s.closed));
  });

  it('cxlmi_scan_mctp reports a bus it cannot reach (DBUS_SYSTEM_BUS_ADDRESS) with a typed error', async () => {
    const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.deadAddress;
    try {
      const ctx = new Context({ probe: false, log: () => {} });
      await assert.rejects(cxlmi_scan_mctp(ctx), CxlmiUnavailableError);
    } finally {
      if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
      else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
    }
  });
});
