/**
 * Narrowing the targets to the CCIs a tunnel flag is meant for, before anything but Identify and
 * the Command Effects Log is sent: `--port N` (and `--port N --ld M`) to switches, `--ld N` to
 * MLDs, `--mhd` to multi-headed devices. The others are left out (said with `--verbose`); a flag
 * that fits none of the targets is a usage error. And the rule for state-changing commands: they
 * go to exactly one CCI, so they never reach one device twice (two heads of an MHD, an MLD and the
 * switch port it sits behind) nor every switch's port N.
 */
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiUsageError } from '../errors.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';
import { cciKind, describeKind, misfit, notFor, tunnelFlags, tunnelFor } from './cci-kind.js';
import type { Opened } from './open-each.js';

/** Keeps the opened endpoints `t` fits; `note` hears about each one left out. */
export async function narrow(
  opened: Opened[],
  t: TunnelInfo | null,
  note: (text: string) => void,
): Promise<Opened[]> {
  if (!t) return opened;
  const kept: Opened[] = [];
  const reasons: string[] = [];
  // Only --ld and --mhd need the Command Effects Log (MLD / MHD); --port needs Identify alone.
  const needCel = t.mhd || t.port < 0;
  for (const o of opened) {
    if (!o.ep) {
      kept.push(o);
      continue;
    }
    const why = misfit(t, await cciKind(o.ep, needCel));
    if (why === null) {
      kept.push(o);
      continue;
    }
    reasons.push(`${o.name}: ${why}`);
    note(`cxlmi: ${o.name}: left out (${why})`);
  }
  if (kept.length === 0) {
    throw new CxlmiUsageError(
      `${tunnelFlags(t)} fits none of the targets (it is for ${tunnelFor(t)}): ${reasons.join('; ')}`,
    );
  }
  return kept;
}

/** Kept endpoints (convenience for callers that hold endpoints, not Opened entries). */
export async function narrowEndpoints(
  eps: Endpoint[],
  t: TunnelInfo | null,
  note: (text: string) => void,
): Promise<Endpoint[]> {
  const kept = await narrow(
    eps.map((ep) => ({ name: ep.description, ep })),
    t,
    note,
  );
  return kept.flatMap((o) => (o.ep ? [o.ep] : []));
}

/**
 * For a command that changes device state: without a tunnel, the targets whose own reports say
 * they take `opcode` (see `notFor`), so `--emulate=fabric switch bind` means the switch; then
 * throws unless exactly one target is left. With a tunnel the command goes beyond the endpoint,
 * whose own commands do not matter: the tunnel flag narrowed the targets already.
 */
export async function onlyOne(
  action: string,
  opcode: number | undefined,
  opened: Opened[],
  t: TunnelInfo | null,
  note: (text: string) => void,
): Promise<Opened[]> {
  if (opened.length > 1 && !t && opcode !== undefined) {
    const kept: Opened[] = [];
    for (const o of opened) {
      const why = o.ep ? notFor(opcode, await cciKind(o.ep, true)) : null;
      if (why === null) kept.push(o);
      else note(`cxlmi: ${o.name}: left out (${why})`);
    }
    if (kept.length === 0)
      throw new CxlmiUsageError(`${action}: none of the targets takes it (--verbose says why for each)`);
    opened = kept;
  }
  if (opened.length === 1) return opened;
  const names: string[] = [];
  for (const o of opened) {
    if (!o.ep) names.push(o.name);
    else names.push(`${o.name} (${describeKind(await cciKind(o.ep, false))})`);
  }
  const hint = t
    ? 'name the one device to use as a target'
    : 'name the one device to use as a target, or narrow with --port/--ld/--mhd';
  throw new CxlmiUsageError(
    `${action} changes device state, so it goes to exactly one device; ${opened.length} are targeted: ${names.join(', ')}. ${hint[0].toUpperCase()}${hint.slice(1)}`,
  );
}
