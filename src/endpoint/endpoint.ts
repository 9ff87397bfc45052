/**
 * An Endpoint is one CCI that commands go to: its own transport, one queue (commands never
 * interleave on it), a timeout, FM-API state, and one method per command in the table.
 */
import type { AnyCommand } from '../commands/define.js';
import { identify } from '../commands/generic/info-status.js';
import { CxlmiClosedError, CxlmiCommandError, CxlmiUsageError, hex4 } from '../errors.js';
import { CXLMI_COMPONENT_TYPE_SWITCH } from '../protocol/constants.js';
import type { Infer } from '../protocol/layout/index.js';
import { CXLMI_RET_BACKGROUND, CXLMI_RET_SUCCESS } from '../protocol/retcodes.js';
import { encodeRequest } from '../transport/framed.js';
import type { CciResponse, Transport } from '../transport/transport.js';
import { tunnelTransport } from '../transport/tunnel/index.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';
import { backgroundStarted } from './background-started.js';
import { RequestQueue, type ResultMap } from './exchange.js';
import { installFabricHelper } from './fabric.js';
import { installGenericHelpers } from './generic-helpers.js';
import { installMemdevHelpers } from './memdev-helpers.js';
import { type CommandMethods, installCommandMethods } from './methods.js';
import { type CallOptions, DEFAULT_TIMEOUT_MS, type EndpointOptions } from './options.js';
import { installRasHelpers } from './ras-helpers.js';

const EMPTY = new Uint8Array(0);

/** Who owns an endpoint (its Context), as far as the endpoint needs to know. */
export interface EndpointOwner {
  detach(ep: Endpoint): void;
  log(level: number, message: string): void;
}

export interface RawCallOptions extends CallOptions {
  /** Send as an FM-API command (MCTP message type 0x07). */
  fmapi?: boolean;
}

function checkTimeout(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 0x7fffffff) {
    throw new RangeError(`timeout must be a whole number of milliseconds from 0 to ${0x7fffffff}, got ${ms}`);
  }
  return ms;
}

/**
 * What a command resolves with, from its answer (payload at bytes[payloadStart..end)): the decoded
 * response, or CxlmiCommandError for a failure return code. Return code 1 (Background Command
 * Started), for any command, is never decoded: see backgroundStarted().
 */
function commandResult(
  cmd: AnyCommand,
  req: unknown,
  bytes: Uint8Array,
  payloadStart: number,
  end: number,
  retcode: number,
  vendorStatus: number,
  background: boolean,
): unknown {
  if (retcode !== CXLMI_RET_SUCCESS) {
    if (retcode === CXLMI_RET_BACKGROUND) {
      const rsp = {
        opcode: cmd.opcode,
        retcode,
        vendorStatus,
        background,
        payload: bytes.subarray(payloadStart, end),
      };
      return backgroundStarted(cmd, rsp);
    }
    throw new CxlmiCommandError(cmd.name, cmd.opcode, retcode, vendorStatus);
  }
  const decoded = cmd.response
    ? cmd.decodeResponse
      ? cmd.decodeResponse(bytes.subarray(payloadStart, end), req)
      : cmd.response.decodeFrom(bytes, payloadStart, end, cmd.name)
    : undefined;
  if (cmd.background) return decoded ? Object.assign(decoded, { background: false }) : { background: false };
  return decoded;
}

// The command methods are installed on the prototype from the command table (methods.ts);
// this merged interface gives them their types.
export interface Endpoint extends CommandMethods {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see above
export class Endpoint {
  readonly transport: Transport;
  /** Result of the Identify sent when the endpoint was opened with probing on. */
  identity: Infer<typeof identify.response> | undefined;
  readonly #owner: EndpointOwner | undefined;
  readonly #queue = new RequestQueue(commandResult);
  readonly #tunnels = new Map<string, Transport>();
  #timeoutMs: number;
  #hasFmapi: boolean;
  #fmapiEnabled: boolean;
  #closed = false;

  constructor(transport: Transport, opts: EndpointOptions = {}, owner?: EndpointOwner) {
    this.transport = transport;
    this.#owner = owner;
    this.#timeoutMs = checkTimeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#hasFmapi = transport.fmapi ?? false;
    this.#fmapiEnabled = this.#hasFmapi;
    this.identity = undefined;
  }

  /** `/dev/cxl/mem0`, `mctp:1,8`, `emulator:type3`, … */
  get description(): string {
    return this.transport.description;
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }
  set timeoutMs(ms: number) {
    this.#timeoutMs = checkTimeout(ms);
  }

  /** Whether the component behind this endpoint takes FM-API commands. */
  get hasFmapi(): boolean {
    return this.#hasFmapi;
  }
  get fmapiEnabled(): boolean {
    return this.#fmapiEnabled;
  }
  /** Allows FM-API commands; returns false (and changes nothing) when the endpoint has no FM-API. */
  enableFmapi(): boolean {
    if (!this.#hasFmapi) return false;
    this.#fmapiEnabled = true;
    return true;
  }
  disableFmapi(): void {
    this.#fmapiEnabled = false;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Commands queued or running on this endpoint. */
  get pending(): number {
    return this.#queue.pending;
  }

  /**
   * Sends a command from the table and decodes its response. Throws CxlmiCommandError for a
   * failure return code. Return code 1 (Background Command Started), for any command, is never
   * decoded: see backgroundStarted(). Not `async`: the queue settles the one promise this returns
   * with the result (see commandResult).
   */
  send(cmd: AnyCommand, req: unknown, opts?: CallOptions): Promise<any> {
    return this.sendMapped(cmd, req, opts, undefined, undefined);
  }

  /**
   * send(), with `map(result, mapArg)` applied to the result before the promise settles, and
   * return code 1 resolving with 1 (see ResultMap): how the compat functions fill the caller's
   * out-structure without a second promise.
   * @internal
   */
  sendMapped(
    cmd: AnyCommand,
    req: unknown,
    opts: CallOptions | undefined,
    map: ResultMap | undefined,
    mapArg: unknown,
  ): Promise<any> {
    if (cmd.fmapi && !this.#fmapiEnabled) {
      return Promise.reject(
        new CxlmiUsageError(
          `${cmd.name} is an FM-API command and FM-API is ${this.#hasFmapi ? 'disabled' : 'not available'} on ${this.description}`,
        ),
      );
    }
    let payload: Uint8Array;
    try {
      payload = cmd.request ? encodeRequest(cmd.request, req, cmd.name) : EMPTY;
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#call(cmd.opcode, payload, cmd.fmapi, opts, cmd, req, map, mapArg);
  }

  /**
   * Sends any opcode with a raw payload and resolves with the raw response, whatever its return
   * code (vendor-specific commands, tools, tests).
   */
  request(opcode: number, payload: Uint8Array = EMPTY, opts: RawCallOptions = {}): Promise<CciResponse> {
    if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xffff) {
      return Promise.reject(new RangeError(`opcode must be a 16-bit integer, got ${opcode}`));
    }
    if (!(payload instanceof Uint8Array))
      return Promise.reject(new TypeError('payload must be a Uint8Array'));
    return this.#call(opcode, payload, opts.fmapi ?? false, opts, undefined, undefined, undefined, undefined);
  }

  #call(
    opcode: number,
    payload: Uint8Array,
    fmapi: boolean,
    opts: CallOptions | undefined,
    cmd: AnyCommand | undefined,
    req: unknown,
    map: ResultMap | undefined,
    mapArg: unknown,
  ): Promise<any> {
    if (this.#closed) return Promise.reject(new CxlmiClosedError(this.description));
    let transport = this.transport;
    if (opts?.tunnel) {
      // The Tunnel Management Command (5300h) is itself an FM-API command.
      if (!this.#fmapiEnabled) {
        return Promise.reject(
          new CxlmiUsageError(
            `tunneling needs FM-API, which is ${this.#hasFmapi ? 'disabled' : 'not available'} on ${this.description}`,
          ),
        );
      }
      try {
        transport = this.#tunnel(opts.tunnel);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    if (payload.length > transport.maxPayload) {
      return Promise.reject(
        new RangeError(
          `request payload for opcode 0x${hex4(opcode)} is ${payload.length} bytes; ${transport.description} carries at most ${transport.maxPayload}`,
        ),
      );
    }
    let timeoutMs = this.#timeoutMs;
    if (opts?.timeoutMs !== undefined) {
      try {
        timeoutMs = checkTimeout(opts.timeoutMs);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.#queue.submit(
      transport,
      opcode,
      payload,
      fmapi,
      timeoutMs,
      opts?.signal,
      cmd,
      req,
      map,
      mapArg,
    );
  }

  #tunnel(t: TunnelInfo): Transport {
    const key = `${t.port}/${t.ld}/${t.level}/${t.mhd ? 1 : 0}`;
    let tr = this.#tunnels.get(key);
    if (!tr) {
      tr = tunnelTransport(this.transport, t);
      this.#tunnels.set(key, tr);
    }
    return tr;
  }

  /** Sends Identify and remembers the answer (what probing does at open). */
  async probe(): Promise<void> {
    const id = (await this.send(identify, undefined)) as Infer<typeof identify.response>;
    this.identity = id;
    if (this.transport.fmapi === undefined && id.component_type === CXLMI_COMPONENT_TYPE_SWITCH) {
      this.#hasFmapi = true;
      this.#fmapiEnabled = true;
    }
  }

  /** Waits for queued commands to finish, then closes the transport. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#owner?.detach(this);
    await this.#queue.drain();
    this.#queue.dispose();
    await this.transport.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

installCommandMethods(Endpoint.prototype);
installGenericHelpers(Endpoint.prototype);
installMemdevHelpers(Endpoint.prototype);
installRasHelpers(Endpoint.prototype);
installFabricHelper(Endpoint.prototype);
