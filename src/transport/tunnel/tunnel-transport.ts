/**
 * One level of tunneling: every request is wrapped in a Tunnel Management Command (5300h) sent
 * through the wrapped transport, and the tunneled response is unwrapped with strict checks.
 * Two levels are two of these stacked (the outer one names the switch port, the inner the LD).
 */
import { tunnelManagementCommand } from '../../commands/fmapi/mld-port.js';
import { CxlmiCommandError, CxlmiProtocolError, hex4 } from '../../errors.js';
import { CCI_HEADER_SIZE } from '../../protocol/constants.js';
import { CXLMI_RET_SUCCESS } from '../../protocol/retcodes.js';
import { parseResponse } from '../message-link.js';
import type { CciRequest, CciResponse, ExchangeOptions, Transport } from '../transport.js';
import { TUNNEL_HEADER_SIZE, unwrapTunnelResponse, wrapTunnelRequest } from './wrap.js';

export interface TunnelHop {
  /** Port or LD id (ignored for the LD-pool CCI). */
  readonly id: number;
  /** 0 = port or LD, 1 = the LD-pool CCI of a multi-headed device. */
  readonly targetType: number;
  /** For descriptions: `port 3`, `ld 1`, `mhd`. */
  readonly label: string;
}

export class TunnelTransport implements Transport {
  readonly kind = 'tunnel';
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi: boolean | undefined;
  readonly inner: Transport;
  readonly hop: TunnelHop;
  #tag = 0;

  constructor(inner: Transport, hop: TunnelHop) {
    this.inner = inner;
    this.hop = hop;
    this.description = `${inner.description} → ${hop.label}`;
    this.maxPayload = Math.max(0, inner.maxPayload - TUNNEL_HEADER_SIZE - CCI_HEADER_SIZE);
    this.fmapi = inner.fmapi;
  }

  async request(req: CciRequest, opts: ExchangeOptions): Promise<CciResponse> {
    const tag = this.#tag;
    this.#tag = (tag + 1) & 0xff;
    const payload = wrapTunnelRequest(this.hop.id, this.hop.targetType, tag, req.opcode, req.payload);
    const outer = await this.inner.request(
      { opcode: tunnelManagementCommand.opcode, payload, fmapi: true },
      opts,
    );
    if (outer.retcode !== CXLMI_RET_SUCCESS) {
      throw new CxlmiCommandError(
        `${tunnelManagementCommand.name} (${this.hop.label}, carrying 0x${hex4(req.opcode)})`,
        tunnelManagementCommand.opcode,
        outer.retcode,
        outer.vendorStatus,
      );
    }
    if (outer.background) {
      throw new CxlmiProtocolError(
        `tunnel to ${this.hop.label} answered with the background bit set`,
        req.opcode,
      );
    }
    const message = unwrapTunnelResponse(outer.payload, this.hop.label, req.opcode);
    return parseResponse(message, tag, req.opcode);
  }

  close(): void | Promise<void> {
    // The endpoint owns the wrapped transport and closes it itself.
  }
}
