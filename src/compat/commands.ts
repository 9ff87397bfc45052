/**
 * The reference's command functions, generated from the command table:
 *   cxlmi_cmd_<name>(ep, ti[, req][, rsp])  sends the command; the response fields are copied into
 *                                           `rsp` (libcxlmi's out-parameter) and it is returned too;
 *                                           resolves 1 (CXLMI_RET_BACKGROUND), `rsp` untouched, when
 *                                           the device started the command in the background;
 *   cxlmi_cmd_<name>()                      builds an empty structure (the response's, else the request's);
 *   cxlmi_cmd_<name>_req() / _rsp()         build empty request / response structures.
 * Aliases (other spellings) are the same functions, with their own `_req` / `_rsp` builders
 * (libcxlmi's structure names follow its current spelling: cxlmi_cmd_memdev_get_poison_list_rsp).
 */
import type { AnyCommand } from '../commands/define.js';
import { commandTable, type TableCommand } from '../commands/table.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { CommandResult } from '../endpoint/methods.js';
import type { Infer, StructLayout } from '../protocol/layout/index.js';
import type { CXLMI_RET_BACKGROUND } from '../protocol/retcodes.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';
import {
  FIELD_ALIASES,
  LIBCXLMI_BYTE_FIELDS,
  libcxlmiUnits,
  type WithAliases,
  withAliases,
} from './libcxlmi-views.js';

type Ti = TunnelInfo | null | undefined;
/**
 * What a compat command function resolves with: the response (also copied into `rsp`), or
 * libcxlmi's return value 1 (CXLMI_RET_BACKGROUND) when the device started the command in the
 * background, with `rsp` left untouched as libcxlmi leaves it.
 */
type Result<C> = WithAliases<CommandResult<C>> | typeof CXLMI_RET_BACKGROUND;
type Out<L> = L extends StructLayout ? WithAliases<Infer<L>> : never;

type CompatFn<C> = C extends { request: infer Req; response: infer Rsp }
  ? Req extends StructLayout
    ? Rsp extends StructLayout
      ? {
          (): Out<Rsp>;
          (
            ep: Endpoint,
            ti: Ti,
            req: Out<Req> | Req['__i'],
            rsp?: Partial<Out<Rsp>> | Uint8Array,
          ): Promise<Result<C>>;
        }
      : { (): Out<Req>; (ep: Endpoint, ti: Ti, req: Out<Req> | Req['__i']): Promise<Result<C>> }
    : Rsp extends StructLayout
      ? {
          (): Out<Rsp>;
          (ep: Endpoint, ti: Ti, rsp?: Partial<Out<Rsp>> | Uint8Array): Promise<Result<C>>;
        }
      : (ep: Endpoint, ti: Ti) => Promise<Result<C>>
  : never;

type AliasesOf<C> = C extends { aliases?: readonly (infer A)[] } ? (A extends string ? A : never) : never;

export type CompatCommands = {
  [C in TableCommand as `cxlmi_cmd_${C['name']}` | AliasesOf<C>]: CompatFn<C>;
} & {
  [C in TableCommand as C['request'] extends StructLayout ? `cxlmi_cmd_${C['name']}_req` : never]: () => Out<
    C['request']
  >;
} & {
  [C in TableCommand as C['response'] extends StructLayout ? `cxlmi_cmd_${C['name']}_rsp` : never]: () => Out<
    C['response']
  >;
} & {
  [C in TableCommand as C['request'] extends StructLayout ? `${AliasesOf<C>}_req` : never]: () => Out<
    C['request']
  >;
} & {
  [C in TableCommand as C['response'] extends StructLayout ? `${AliasesOf<C>}_rsp` : never]: () => Out<
    C['response']
  >;
};

/**
 * The response field a caller's byte buffer receives, for responses that are only bytes
 * (libcxlmi's `void *ret`: Get LSA, Security Receive, …); undefined for structured responses.
 */
function rawField(cmd: AnyCommand): string | undefined {
  const fields = Object.entries(cmd.response?.fields ?? {}).filter(([, c]) => c.kind !== 'reserved');
  return fields.length === 1 && fields[0][1].kind === 'bytes' ? fields[0][0] : undefined;
}

/** Whether any structure of `layout` (nested ones included) has a field an old spelling reads. */
function hasAliasedField(layout: StructLayout | null | undefined): boolean {
  if (!layout) return false;
  const targets = new Set(Object.values(FIELD_ALIASES));
  for (const s of structsOf(layout)) for (const f of Object.keys(s.fields)) if (targets.has(f)) return true;
  return false;
}

/**
 * Fills the caller's out-structure from a command's result, as libcxlmi's decoders fill theirs:
 * applied by the endpoint's queue before the call's one promise settles (Endpoint.sendMapped;
 * return code 1 resolves with 1 there, `out` untouched). What a command never needs (libcxlmi's
 * byte units, the old-name accessors) is decided once per command, not per call.
 */
function resultFiller(cmd: AnyCommand): (result: unknown, out: unknown) => unknown {
  const raw = rawField(cmd);
  const units = (LIBCXLMI_BYTE_FIELDS[cmd.compatName] ?? []).length > 0;
  // A custom decoder may build objects the layout does not describe: the general path for it.
  const aliases = cmd.decodeResponse !== undefined || hasAliasedField(cmd.response);
  // The layout's generated field copier (compiled on first use), for values the layout decoded.
  const layout = cmd.decodeResponse === undefined ? cmd.response : null;
  let assign: ((target: unknown, value: unknown) => void) | undefined;
  return (result, out0) => {
    const out = out0 as Record<string, unknown> | Uint8Array | undefined;
    if (result === null || typeof result !== 'object') {
      return result;
    }
    if (!(result instanceof Uint8Array)) {
      if (units) libcxlmiUnits(cmd.compatName, result as Record<string, unknown>);
      if (aliases) withAliases(result);
    }
    if (out instanceof Uint8Array && raw) {
      // A C-style output buffer: copy the bytes in, as libcxlmi's memcpy into `ret` does.
      const data = (result as Record<string, Uint8Array>)[raw];
      out.set(data.subarray(0, out.length));
    } else if (out) {
      if (layout !== null) {
        // What Object.assign(out, result) does, one assignment per field.
        assign ??= layout.compiled.assignTo;
        assign(out, result);
        if (cmd.background)
          (out as Record<string, unknown>).background = (result as { background: boolean }).background;
      } else Object.assign(out, result);
      if (aliases) withAliases(out);
    }
    return result;
  };
}

function commandFunction(cmd: AnyCommand) {
  const main = cmd.response ?? cmd.request;
  const fill = resultFiller(cmd);
  // Named parameters (no rest array), no options object unless tunneled, and no second promise:
  // a compat call costs little more than the Endpoint method it wraps.
  return function (this: unknown, ep?: Endpoint, ti?: Ti, a?: unknown, b?: unknown) {
    if (arguments.length === 0) {
      if (!main) throw new TypeError(`${cmd.compatName} takes (ep, ti)`);
      return withAliases(main.zero());
    }
    if (!ep || typeof (ep as Endpoint).sendMapped !== 'function') {
      return Promise.reject(new TypeError(`${cmd.compatName}: the first argument must be an endpoint`));
    }
    const req = cmd.request ? a : undefined;
    const out = cmd.request ? b : a;
    return ep.sendMapped(cmd, req, ti ? { tunnel: ti } : undefined, fill, out);
  };
}

function build(): CompatCommands {
  const fns: Record<string, unknown> = {};
  for (const cmd of commandTable as readonly AnyCommand[]) {
    const fn = commandFunction(cmd);
    Object.defineProperty(fn, 'name', { value: cmd.compatName });
    fns[cmd.compatName] = fn;
    const req = cmd.request;
    const rsp = cmd.response;
    for (const name of [cmd.compatName, ...(cmd.aliases ?? [])]) {
      fns[name] = fn;
      if (req) fns[`${name}_req`] = () => withAliases(req.zero());
      if (rsp) fns[`${name}_rsp`] = () => withAliases(rsp.zero());
    }
  }
  return fns as CompatCommands;
}

/** Every generated compat command function and structure builder, by name. */
export const compatCommands: CompatCommands = build();

/** Every struct layout reachable from a layout, nested ones included. */
function* structsOf(layout: StructLayout): Generator<StructLayout> {
  yield layout;
  for (const c0 of Object.values(layout.fields)) {
    const c = c0.kind === 'optional' ? c0.inner : c0;
    if (c.kind === 'struct') yield* structsOf(c.layout);
    else if (c.kind === 'array' && c.elem.kind === 'struct') yield* structsOf(c.elem.layout);
  }
}

function buildStructs(): Record<string, () => Record<string, unknown>> {
  const out: Record<string, () => Record<string, unknown>> = {};
  for (const cmd of commandTable as readonly AnyCommand[]) {
    for (const top of [cmd.request, cmd.response]) {
      if (!top) continue;
      for (const s of structsOf(top)) {
        if (!/^cxlmi_[a-z0-9_]+$/.test(s.name) || s.name in compatCommands || s.name in out) continue;
        out[s.name] = () => withAliases(s.zero() as Record<string, unknown>);
      }
    }
  }
  return out;
}

/**
 * Builders for libcxlmi's structures under their C names where no command function or `_req`/`_rsp`
 * builder has the name already: list entries (`cxlmi_cmd_fmapi_vppb_info`) and request/response
 * structures whose C name differs from the function's (`cxlmi_cmd_fmapi_get_host_dc_region_config_req`).
 * They come from the layouts' names, which are libcxlmi's.
 */
export const compatStructs: Record<string, () => Record<string, unknown>> = buildStructs();
