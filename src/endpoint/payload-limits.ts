/**
 * How much one message may carry to and from an endpoint: requests are bounded by the component's
 * Maximum Supported Message Size (Identify) and the transport; responses by the Response Message
 * Limit (which mailboxes do not implement) and the transport.
 */
import { CxlmiCommandError, CxlmiUnavailableError } from '../errors.js';
import { CXL_MAILBOX_MAX_PAYLOAD_SIZE } from '../protocol/constants.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';

/** Largest request payload to send. */
export async function requestPayloadLimit(ep: Endpoint, call: CallOptions): Promise<number> {
  let id = call.tunnel ? undefined : ep.identity;
  if (!id) {
    try {
      id = await ep.identify(call);
    } catch (e) {
      // A transport that cannot carry Identify (a stock kernel's mailbox refusing RAW) still
      // knows its own limit: the kernel reports the mailbox payload size.
      if (e instanceof CxlmiUnavailableError) return ep.transport.maxPayload;
      throw e;
    }
    if (!call.tunnel) ep.identity = id;
  }
  const n = id.max_msg_size;
  const device = n >= 8 && n <= 20 ? 2 ** n : 256;
  return Math.min(device, ep.transport.maxPayload);
}

/** Largest response payload to ask for. */
export async function responsePayloadLimit(ep: Endpoint, call: CallOptions): Promise<number> {
  let device: number = CXL_MAILBOX_MAX_PAYLOAD_SIZE;
  try {
    const { limit } = await ep.getResponseMsgLimit(call);
    if (limit >= 8 && limit <= 20) device = 2 ** limit;
  } catch (e) {
    // Not implemented by the device (a return code), or not carried by the transport at all.
    if (!(e instanceof CxlmiCommandError) && !(e instanceof CxlmiUnavailableError)) throw e;
  }
  return Math.min(device, ep.transport.maxPayload);
}
