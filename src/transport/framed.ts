/**
 * Large request payloads encoded with a message header's room in front, so the message framer can
 * send them without copying the payload into a new message (a 1 MiB firmware part is otherwise
 * allocated and copied twice). Only buffers the endpoint encoded itself are registered, each for
 * one use: a payload a caller passed in is always copied, and nothing is written into it.
 */
import { CCI_HEADER_SIZE } from '../protocol/constants.js';
import type { StructLayout } from '../protocol/layout/index.js';

/** Below this a copy costs less than the view and the registry. */
export const FRAMED_MIN_PAYLOAD = 1024;

/** Payload view → the buffer it lies in, CCI_HEADER_SIZE bytes from its start. */
const framed = new WeakMap<Uint8Array, Uint8Array>();

/** Encodes a request payload; a large one gets room for the message header in front. */
export function encodeRequest(layout: StructLayout, value: unknown, context: string): Uint8Array {
  if (layout.size !== undefined || layout.sizeOf(value as never) < FRAMED_MIN_PAYLOAD)
    return layout.encode(value as never, context);
  const whole = layout.encodeAfter(value as never, CCI_HEADER_SIZE, context);
  const payload = whole.subarray(CCI_HEADER_SIZE);
  framed.set(payload, whole);
  return payload;
}

/**
 * The message buffer `payload` was encoded into (its header room free to write), or undefined when
 * it was not encoded by encodeRequest or has been taken already.
 */
export function takeFramed(payload: Uint8Array): Uint8Array | undefined {
  if (payload.length < FRAMED_MIN_PAYLOAD) return undefined;
  const whole = framed.get(payload);
  if (whole !== undefined) framed.delete(payload);
  return whole;
}
