/**
 * Endpoint command methods, derived from the command table: each command's `method` name becomes
 * `ep.<method>(req?, opts?)` with types inferred from its layouts.
 */
import type { AnyCommand } from '../commands/define.js';
import { commandTable, type TableCommand } from '../commands/table.js';
import type { Infer, InferIn, StructLayout } from '../protocol/layout/index.js';
import type { BackgroundStarted } from './background-started.js';
import type { CallOptions } from './options.js';

/**
 * What a command resolves with: its decoded response, plus `background` for background-capable
 * commands. A command without output that the device started in the background anyway resolves
 * with `{ background: true }`; one whose answer is data rejects with CxlmiBackgroundStartedError.
 */
export type CommandResult<C> = C extends { response: infer Rsp; background: infer BG }
  ? BG extends true
    ? (Rsp extends StructLayout ? Infer<Rsp> : {}) & { background: boolean }
    : Rsp extends StructLayout
      ? Infer<Rsp>
      : undefined | BackgroundStarted
  : never;

export type CommandRequest<C> = C extends { request: infer Req }
  ? Req extends StructLayout
    ? InferIn<Req>
    : undefined
  : never;

export type CommandMethod<C> = C extends { request: infer Req }
  ? Req extends StructLayout
    ? (req: InferIn<Req>, opts?: CallOptions) => Promise<CommandResult<C>>
    : (opts?: CallOptions) => Promise<CommandResult<C>>
  : never;

export type CommandMethods = { [C in TableCommand as C['method']]: CommandMethod<C> };

interface Sender {
  send(cmd: AnyCommand, req: unknown, opts?: CallOptions): Promise<unknown>;
}

/** Adds one method per command to `proto` (the Endpoint prototype). */
export function installCommandMethods(proto: object): void {
  for (const cmd of commandTable as readonly AnyCommand[]) {
    if (cmd.method in proto) throw new Error(`command method ${cmd.method} clashes with an Endpoint member`);
    const fn = cmd.request
      ? function (this: Sender, req: unknown, opts?: CallOptions) {
          return this.send(cmd, req, opts);
        }
      : function (this: Sender, opts?: CallOptions) {
          return this.send(cmd, undefined, opts);
        };
    Object.defineProperty(fn, 'name', { value: cmd.method });
    Object.defineProperty(proto, cmd.method, { value: fn, writable: true, configurable: true });
  }
}
