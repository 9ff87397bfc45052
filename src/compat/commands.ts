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
import { CxlmiBackgroundStartedError } from '../errors.js';
import type { Infer, StructLayout } from '../protocol/layout/index.js';
import { CXLMI_RET_BACKGROUND } from '../protocol/retcodes.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';
import { libcxlmiUnits, type WithAliases, withAliases } from './libcxlmi-views.js';

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

/** `{ background: true }`: return code 1 (the success form carries `background: false`). */
function isBackgroundStarted(r: unknown): boolean {
  return typeof r === 'object' && r !== null && (r as { background?: unknown }).background === true;
}

function commandFunction(cmd: AnyCommand) {
  const main = cmd.response ?? cmd.request;
  const raw = rawField(cmd);
  return function (this: unknown, ...args: unknown[]) {
    if (args.length === 0) {
      if (!main) throw new TypeError(`${cmd.compatName} takes (ep, ti)`);
      return withAliases(main.zero());
    }
    const [ep, ti] = args as [Endpoint, Ti];
    if (!ep || typeof (ep as Endpoint).send !== 'function') {
      return Promise.reject(new TypeError(`${cmd.compatName}: the first argument must be an endpoint`));
    }
    const req = cmd.request ? args[2] : undefined;
    const out = (cmd.request ? args[3] : args[2]) as Record<string, unknown> | undefined;
    return ep.send(cmd, req, { tunnel: ti ?? null }).then(
      (result: unknown) => {
        if (isBackgroundStarted(result)) return CXLMI_RET_BACKGROUND;
        if (result && typeof result === 'object' && !(result instanceof Uint8Array)) {
          withAliases(libcxlmiUnits(cmd.compatName, result as Record<string, unknown>));
        }
        if (out instanceof Uint8Array && raw && result && typeof result === 'object') {
          // A C-style output buffer: copy the bytes in, as libcxlmi's memcpy into `ret` does.
          const data = (result as Record<string, Uint8Array>)[raw];
          out.set(data.subarray(0, out.length));
        } else if (out && result && typeof result === 'object') {
          Object.assign(out, result);
          withAliases(out);
        }
        return result;
      },
      (e: unknown) => {
        if (e instanceof CxlmiBackgroundStartedError) return CXLMI_RET_BACKGROUND;
        throw e;
      },
    );
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
