/**
 * What a target word names (`mem0`, `/dev/cxl/mem0`, `mctp:NET,EID`, `emu:PATH[#NAME]`,
 * `emulator:NAME`), read without opening anything: the program uses it to tell a misplaced target
 * from a mistyped subcommand, so it stays free of the emulator and transports.
 */
import { CxlmiUsageError } from '../errors.js';
import { ALL_TARGETS } from './every-device.js';

export type EmuTarget = { kind: 'emu'; path: string; name?: string } | { kind: 'emulator'; name: string };

/** The emulated target `text` names, or undefined when it names something else. */
export function parseEmuTarget(text: string): EmuTarget | undefined {
  if (text.startsWith('emu:')) {
    const rest = text.slice(4);
    const hash = rest.lastIndexOf('#');
    const path = hash < 0 ? rest : rest.slice(0, hash);
    const name = hash < 0 ? undefined : rest.slice(hash + 1);
    if (path === '')
      throw new CxlmiUsageError(
        `'${text}': emu: needs the service's socket path (emu:PATH or emu:PATH#NAME)`,
      );
    if (name === '')
      throw new CxlmiUsageError(`'${text}': name a device after '#' (emu:PATH#NAME), or drop the '#'`);
    return name === undefined ? { kind: 'emu', path } : { kind: 'emu', path, name };
  }
  if (text.startsWith('emulator:')) {
    const name = text.slice('emulator:'.length);
    if (name === '')
      throw new CxlmiUsageError(`'${text}': name an emulated device (cxlmi --emulate list shows them)`);
    return { kind: 'emulator', name };
  }
  return undefined;
}

export type ParsedTarget =
  | { kind: 'mailbox'; devname: string }
  | { kind: 'mctp'; net: number; eid: number }
  | EmuTarget;

export function parseTarget(text: string): ParsedTarget {
  const emu = parseEmuTarget(text);
  if (emu) return emu;
  const mctp = /^mctp:(\d+),(\d+)$/.exec(text);
  if (mctp) {
    const net = Number(mctp[1]);
    const eid = Number(mctp[2]);
    if (eid > 0xff) throw new CxlmiUsageError(`MCTP EID must be 0-255, got ${eid}`);
    return { kind: 'mctp', net, eid };
  }
  if (/^(\/dev\/cxl\/)?mem\d+$/.test(text)) return { kind: 'mailbox', devname: text };
  throw new CxlmiUsageError(
    `unknown target '${text}': use mem0, /dev/cxl/mem0, mctp:NET,EID, emu:PATH[#NAME], emulator:NAME, ${ALL_TARGETS} or --emulate`,
  );
}
