/**
 * How much one message may carry to and from an endpoint: requests are bounded by the component's
 * Maximum Supported Message Size (Identify) and the transport; responses by the Response Message
 * Limit (which mailboxes do not implement) and the transport.
 */
import { CxlmiCommandError, CxlmiUnavailableError } from '../errors.js';
import { CCI_HEADER_SIZE, CXL_MAILBOX_MAX_PAYLOAD_SIZE } from '../protocol/constants.js';
import { tunnelSwitch } from '../transport/tunnel-info.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';

/** Bytes one level of tunneling adds around a request: the 5300h payload header and the carried message header. */
const TUNNEL_OVERHEAD = 4 + CCI_HEADER_SIZE;

function fromLog2(n: number): number {
  return n >= 8 && n <= 20 ? 2 ** n : 256;
}

/**
 * Largest request payload to send. Through a tunnel, every CCI on the way must take the message
 * that carries it: the endpoint itself (and, two levels deep, the MLD behind the switch port) with
 * the tunnel's headers around the payload, and the device at the end.
 */
export async function requestPayloadLimit(ep: Endpoint, call: CallOptions): Promise<number> {
  const far = await deviceLimit(ep, call);
  const t = call.tunnel;
  if (!t) return Math.min(far, ep.transport.maxPayload);
  let limit = Math.min(far, ep.transport.maxPayload - t.level * TUNNEL_OVERHEAD);
  limit = Math.min(limit, (await deviceLimit(ep, { ...call, tunnel: null })) - t.level * TUNNEL_OVERHEAD);
  if (t.level === 2) {
    const middle = await deviceLimit(ep, { ...call, tunnel: tunnelSwitch(t.port) });
    limit = Math.min(limit, middle - TUNNEL_OVERHEAD);
  }
  return Math.max(0, limit);
}

/** What the CCI at the end of `call.tunnel` says it takes (Identify), or the transport's limit. */
async function deviceLimit(ep: Endpoint, call: CallOptions): Promise<number> {
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
  return fromLog2(id.max_msg_size);
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
