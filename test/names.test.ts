/** The enumeration names exported by the library, checked against the spec's tables. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cxlmi from '../src/index.js';

describe('exported names for coded values', () => {
  it('port configuration states, CXL r3.1 Table 7-19', () => {
    assert.equal(cxlmi.codeName(cxlmi.PORT_CONFIG_STATE_NAMES, 3), 'DSP');
    assert.equal(cxlmi.codeName(cxlmi.PORT_CONFIG_STATE_NAMES, 4), 'USP');
    assert.equal(cxlmi.codeName(cxlmi.PORT_CONFIG_STATE_NAMES, 0xf), 'Invalid port ID');
    assert.equal(cxlmi.codeName(cxlmi.PORT_CONFIG_STATE_NAMES, 7), 'Reserved (0x07)');
  });
  it('connected device types and LTSSM states, Table 7-19', () => {
    assert.equal(cxlmi.CONNECTED_DEVICE_TYPE_NAMES[0], 'No device');
    assert.equal(cxlmi.CONNECTED_DEVICE_TYPE_NAMES[4], 'CXL Type 3 SLD');
    assert.equal(cxlmi.CONNECTED_DEVICE_TYPE_NAMES[5], 'CXL Type 3 MLD');
    assert.equal(cxlmi.LTSSM_STATE_NAMES[4], 'L0');
    assert.equal(cxlmi.LTSSM_STATE_NAMES[0xa], 'Hot Reset');
  });
  it('component types, media status, vPPB binding and VCS states', () => {
    assert.equal(cxlmi.COMPONENT_TYPE_NAMES[cxlmi.CXLMI_COMPONENT_TYPE_SWITCH], 'Switch');
    assert.equal(cxlmi.COMPONENT_TYPE_NAMES[cxlmi.CXLMI_COMPONENT_TYPE_TYPE3], 'Type 3 memory device');
    assert.equal(cxlmi.MEDIA_STATUS_NAMES[0], 'Normal');
    assert.equal(cxlmi.MEDIA_STATUS_NAMES[3], 'All Data Lost');
    assert.equal(cxlmi.VPPB_BINDING_STATUS_NAMES[3], 'Bound to an LD');
    assert.equal(cxlmi.VCS_STATE_NAMES[1], 'Enabled');
    assert.equal(cxlmi.VCS_STATE_NAMES[0xff], 'Invalid VCS ID');
  });
  it('media operation classes and subclasses, CXL r3.2 §8.2.10.9.5.3', () => {
    assert.equal(cxlmi.mediaOperationName(0, 0), 'General: Discovery');
    assert.equal(cxlmi.mediaOperationName(1, 0), 'Sanitize: Sanitize');
    assert.equal(cxlmi.mediaOperationName(1, 1), 'Sanitize: Zero');
    assert.equal(cxlmi.mediaOperationName(2, 0), 'Reserved (0x02): Reserved (0x00)');
  });
  it('the maps cannot be changed by a caller', () => {
    assert.throws(() => {
      (cxlmi.MEDIA_STATUS_NAMES as Record<number, string>)[0] = 'Broken';
    }, TypeError);
  });
});
