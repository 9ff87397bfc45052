import { CxlmiTransportError } from '../errors.js';
import { MCTP_ENDPOINT_INTERFACE } from './mctpd-namings.js';

/** What one mctpd endpoint object says about itself. */
export interface MctpdEndpointInfo {
  readonly path: string;
  readonly net: number;
  readonly eid: number;
  readonly messageTypes: readonly number[];
}

/** A D-Bus variant as the client library hands it over. */
interface VariantLike {
  readonly signature: string;
  readonly value: unknown;
}

const INTEGER_SIGNATURES = new Set(['y', 'n', 'q', 'i', 'u', 'x', 't']);

function malformed(path: string, property: string, why: string): CxlmiTransportError {
  return new CxlmiTransportError(
    `mctpd endpoint ${path}: property ${MCTP_ENDPOINT_INTERFACE}.${property} ${why}`,
    {
      transport: 'dbus',
      hint: 'this mctpd exports its endpoints in a form cxlmi does not know; please report it with the mctpd version',
    },
  );
}

function isVariant(v: unknown): v is VariantLike {
  return (
    typeof v === 'object' && v !== null && typeof (v as VariantLike).signature === 'string' && 'value' in v
  );
}

function readInteger(
  path: string,
  props: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number {
  const v = props[name];
  if (v === undefined) throw malformed(path, name, 'is missing');
  if (!isVariant(v) || !INTEGER_SIGNATURES.has(v.signature)) {
    throw malformed(
      path,
      name,
      `has D-Bus type '${isVariant(v) ? v.signature : typeof v}', expected an integer`,
    );
  }
  const n = typeof v.value === 'bigint' ? Number(v.value) : v.value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw malformed(path, name, `is ${String(v.value)}, expected an integer in ${min}..${max}`);
  }
  return n;
}

function readMessageTypes(path: string, props: Record<string, unknown>): number[] {
  const v = props.SupportedMessageTypes;
  if (v === undefined) throw malformed(path, 'SupportedMessageTypes', 'is missing');
  if (!isVariant(v) || v.signature !== 'ay') {
    throw malformed(
      path,
      'SupportedMessageTypes',
      `has D-Bus type '${isVariant(v) ? v.signature : typeof v}', expected 'ay'`,
    );
  }
  const value = v.value;
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value) && value.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xff))
    return value as number[];
  throw malformed(path, 'SupportedMessageTypes', 'is not a byte array');
}

/** The message types an endpoint object lists (throws a clear error when malformed). */
export function endpointMessageTypes(path: string, props: Record<string, unknown>): number[] {
  return readMessageTypes(path, props);
}

/** Validates one endpoint object's properties into net / EID / message types. */
export function parseEndpointProperties(path: string, props: Record<string, unknown>): MctpdEndpointInfo {
  const messageTypes = readMessageTypes(path, props);
  // EID 0 (null) and 0xff (broadcast) cannot be addressed (DSP0236 §8.2).
  const eid = readInteger(path, props, 'EID', 1, 0xfe);
  const net = readInteger(path, props, 'NetworkId', 0, 0xffffffff);
  return { path, net, eid, messageTypes };
}
