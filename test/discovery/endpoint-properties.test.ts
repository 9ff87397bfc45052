import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CODECONSTRUCT_NAMING,
  cxlEndpointsFromManagedObjects,
  parseEndpointProperties,
} from '../../src/discovery/index.js';
import { CxlmiTransportError } from '../../src/errors.js';

const v = (signature: string, value: unknown) => ({ signature, value });
const EP = 'xyz.openbmc_project.MCTP.Endpoint';

describe('mctpd endpoint properties', () => {
  it('accepts the integer types both mctpd generations use (EID y or u, NetworkId u or i)', () => {
    const p = parseEndpointProperties('/p', {
      EID: v('u', 12),
      NetworkId: v('i', 2),
      SupportedMessageTypes: v('ay', Uint8Array.of(0, 7, 8)),
    });
    assert.deepEqual(p, { path: '/p', net: 2, eid: 12, messageTypes: [0, 7, 8] });
  });

  it('rejects EIDs that name no single endpoint (0 null, 255 broadcast)', () => {
    for (const eid of [0, 255]) {
      assert.throws(
        () =>
          parseEndpointProperties('/p', {
            EID: v('y', eid),
            NetworkId: v('u', 1),
            SupportedMessageTypes: v('ay', Uint8Array.of(8)),
          }),
        /EID is \d+, expected an integer in 1\.\.254/,
      );
    }
  });

  it('a reply that is not a dictionary of objects is a clear error', () => {
    assert.throws(
      () => cxlEndpointsFromManagedObjects(CODECONSTRUCT_NAMING, ['x']),
      (e: unknown) => {
        assert.ok(e instanceof CxlmiTransportError);
        assert.match(
          e.message,
          /au\.com\.codeconstruct\.MCTP1 answered GetManagedObjects with something other than a dictionary/,
        );
        return true;
      },
    );
    assert.throws(
      () => cxlEndpointsFromManagedObjects(CODECONSTRUCT_NAMING, { '/a': { [EP]: 5 } }),
      /no property dictionary for \/a/,
    );
  });

  it('endpoints without CXL message types are skipped without checking the rest', () => {
    const found = cxlEndpointsFromManagedObjects(CODECONSTRUCT_NAMING, {
      '/a': { [EP]: { EID: v('s', 'x'), SupportedMessageTypes: v('ay', Uint8Array.of(0, 1)) } },
    });
    assert.deepEqual(found, []);
  });
});
