/**
 * The MCTP lab's guest process (compiled to JS, run by plain node in the guest, once per boot):
 * attaches the MCTP serial line discipline to the serial link (QEMU: /dev/hvc0 itself; UML: the
 * slave of a pty relayed to /dev/ttyS0), sets the link up with our own netlink code, prints
 * `LAB-MARK link-up` on the console, then runs every check against the emulated endpoints on
 * the host and prints one `LAB-CHECK {json}` line per check. Exits non-zero when any fails.
 */
import { appendFileSync } from 'node:fs';
import { Context, setupMctpLink } from '../../../../src/index.js';
import { attachMctpSerial } from '../../../../src/transport/mctp/netlink/serial-line.js';
import { mctpdChecks } from './discovery-checks.js';
import { LabControl } from './lab-control.js';
import { type MctpCheck, type MctpCheckEnv, mctpChecks, SETUP_CHECKS } from './mctp-checks.js';
import { MCTP_LAB_CONFIG_ENV, MCTP_REPORT_PREFIX, type MctpLabConfig } from './mctp-lab-config.js';
import { openPtyRelay, type PtyRelay } from './pty-relay.js';

const cfg = JSON.parse(process.env[MCTP_LAB_CONFIG_ENV] ?? '{}') as MctpLabConfig;
let failed = 0;

function report(name: string, t0: number, outcome: { details?: unknown; error?: unknown }): void {
  const e = outcome.error;
  const error =
    e === undefined
      ? undefined
      : e instanceof Error
        ? { name: e.name, message: e.message, stack: e.stack }
        : { name: 'Error', message: String(e) };
  if (error) failed++;
  const line = { name, ok: !error, ms: Math.round(performance.now() - t0), details: outcome.details, error };
  process.stdout.write(
    `${MCTP_REPORT_PREFIX}${JSON.stringify(line, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
  );
}

async function step<T>(
  name: string,
  fn: () => Promise<T>,
  details?: (v: T) => unknown,
): Promise<T | undefined> {
  const t0 = performance.now();
  try {
    const v = await fn();
    report(name, t0, { details: details?.(v) });
    return v;
  } catch (error) {
    report(name, t0, { error });
    return undefined;
  }
}

const [SETUP_ATTACH, SETUP_NETLINK] = SETUP_CHECKS;

const ctl = new LabControl(cfg.controlLine);
let relay: PtyRelay | undefined;
const attached = await step(
  SETUP_ATTACH,
  async () => {
    relay = cfg.relay ? openPtyRelay(cfg.mctpLine) : undefined;
    const a = await attachMctpSerial(relay ? relay.slave : cfg.mctpLine);
    const { readFileSync } = await import('node:fs');
    const mtu = Number(readFileSync(`/sys/class/net/${a.ifname}/mtu`, 'utf8'));
    if (mtu !== 68) throw new Error(`${a.ifname} has MTU ${mtu}`);
    return a;
  },
  (a) => ({ ifname: a.ifname, tty: relay ? `${relay.slave} relayed to ${cfg.mctpLine}` : cfg.mctpLine }),
);
const link =
  attached &&
  (await step(SETUP_NETLINK, () =>
    setupMctpLink({
      link: attached.ifname,
      localEid: cfg.localEid,
      remoteEids: [cfg.type3Eid, cfg.switchEid],
    }),
  ));

if (attached && link) {
  try {
    // The host times boot-to-link-up from this line (the guest's stdout goes to a file).
    appendFileSync('/dev/console', 'LAB-MARK link-up\n');
  } catch {}
  const discarded: string[] = [];
  const ctx = new Context();
  try {
    const type3 = await ctx.openMctp(cfg.net, cfg.type3Eid, { onDiscard: (_d, why) => discarded.push(why) });
    const sw = await ctx.openMctp(cfg.net, cfg.switchEid, { cci: false });
    const env: MctpCheckEnv = {
      cfg,
      ctx,
      ctl,
      ifname: attached.ifname,
      ifindex: link.ifindex,
      type3,
      sw,
      discarded,
    };
    const checks: MctpCheck[] = [...mctpChecks, ...mctpdChecks];
    for (const c of checks)
      await step(
        c.name,
        () => c.run(env),
        (d) => d,
      );
  } finally {
    await ctx.close();
  }
}
attached?.close();
relay?.close();
ctl.close();
process.exitCode = failed === 0 && attached && link ? 0 : 1;
