/**
 * One declaration per command. Everything else — Endpoint methods, compat functions and structure
 * builders, the emulator's request parsing, the docs' command table — is derived from these.
 */
import type { InferIn, StructLayout } from '../protocol/layout/index.js';

export type CommandSetName = 'generic' | 'memdev' | 'fmapi' | 'vendor';

export interface CommandSpec<
  N extends string = string,
  M extends string = string,
  Req extends StructLayout | null = StructLayout | null,
  Rsp extends StructLayout | null = StructLayout | null,
  BG extends boolean = boolean,
  AL extends string = string,
> {
  /** libcxlmi's name without the `cxlmi_cmd_` prefix (`memdev_get_health_info`). */
  readonly name: N;
  /** The Endpoint method (`getHealthInfo`). */
  readonly method: M;
  /** command set << 8 | command. */
  readonly opcode: number;
  readonly set: CommandSetName;
  /** The spec's name for the command (`Get Health Info`). */
  readonly title: string;
  /** Spec section (CXL r3.1 numbering). */
  readonly spec?: string;
  readonly request: Req;
  readonly response: Rsp;
  /** Other compat spellings that must keep working (`cxlmi_cmd_request_bg_operation_abort`). */
  readonly aliases?: readonly AL[];
  /** The device may answer "Background Command Started" and finish later. */
  readonly background?: BG;
  /**
   * Command Effect bits (CXL r3.1 Table 8-75) a device lists for this command in its Command
   * Effects Log; absent means none.
   */
  readonly effects?: number;
  /**
   * Another declaration of the same opcode is the primary one: one opcode, several payload shapes
   * (Media Operations 4402h: Discovery and Sanitize/Zero). The opcode index and the emulator use
   * the primary; this one only adds its own method and compat names.
   */
  readonly sharesOpcode?: boolean;
  /**
   * Decodes the response when its shape depends on the request (Get Virtual CXL Switch Info lists
   * a number of vPPBs per block that only the request knows). Must return what `response` decodes
   * to; without it the response layout decodes the payload alone.
   */
  readonly decodeResponse?: (payload: Uint8Array, req: unknown) => unknown;
}

export interface Command<
  N extends string = string,
  M extends string = string,
  Req extends StructLayout | null = StructLayout | null,
  Rsp extends StructLayout | null = StructLayout | null,
  BG extends boolean = boolean,
  AL extends string = string,
> extends CommandSpec<N, M, Req, Rsp, BG, AL> {
  /** `cxlmi_cmd_<name>`. */
  readonly compatName: string;
  /** FM-API commands travel as MCTP message type 0x07. */
  readonly fmapi: boolean;
  readonly background: BG;
  /** Request payload for a value (an empty payload when the command takes none). */
  encodeRequest(req: Req extends StructLayout ? InferIn<Req> : undefined): Uint8Array;
}

const EMPTY = new Uint8Array(0);

export function defineCommand<
  const N extends string,
  const M extends string,
  Req extends StructLayout | null,
  Rsp extends StructLayout | null,
  const BG extends boolean = false,
  const AL extends string = never,
>(spec: CommandSpec<N, M, Req, Rsp, BG, AL>): Command<N, M, Req, Rsp, BG, AL> {
  if (!Number.isInteger(spec.opcode) || spec.opcode < 0 || spec.opcode > 0xffff) {
    throw new RangeError(`${spec.name}: opcode must be 16 bits`);
  }
  const request = spec.request;
  return Object.freeze({
    ...spec,
    background: (spec.background ?? false) as BG,
    compatName: `cxlmi_cmd_${spec.name}`,
    fmapi: spec.set === 'fmapi',
    encodeRequest: request ? (req: any) => (request as StructLayout).encode(req, spec.name) : () => EMPTY,
  });
}

export type AnyCommand = Command<string, string, StructLayout | null, StructLayout | null, boolean, string>;
