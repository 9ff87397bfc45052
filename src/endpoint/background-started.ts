/**
 * Return code 1 (Background Command Started) for any command, not only those the table declares
 * background-capable: a device may run any command in the background (the CEL's Background
 * Operation effect; Linux's mailbox driver treats return code 1 that way for every opcode). The
 * response is never decoded then, as libcxlmi returns before reading it.
 */
import type { AnyCommand } from '../commands/define.js';
import { CxlmiBackgroundStartedError } from '../errors.js';
import type { CciResponse } from '../transport/transport.js';

/** What a command without output resolves with when the device started it in the background. */
export interface BackgroundStarted {
  readonly background: true;
}

/**
 * The result of a command answered with return code 1: `{ background: true }` for a command
 * without output; a CxlmiBackgroundStartedError for one whose answer is data, which this response
 * does not carry (resolving with an object lacking every field its type promises would hand
 * typed callers `undefined` where they expect numbers).
 */
export function backgroundStarted(cmd: AnyCommand, rsp: CciResponse): BackgroundStarted {
  if (cmd.response) throw new CxlmiBackgroundStartedError(cmd.name, cmd.opcode, rsp.vendorStatus);
  return { background: true };
}
