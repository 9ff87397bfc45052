/**
 * Implementation of `cxlmi identify [targets…]`: Identify (0001h) on each target and, on a memory device, Identify
 * Memory Device (4000h) as well — firmware revision, capacities, LSA size, event log sizes, poison
 * limits — as `nvme id-ctrl` shows a controller whole.
 */

import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiCommandError } from '../../errors.js';
import { COMPONENT_TYPE_NAMES, codeName } from '../../names.js';
import { CXLMI_COMPONENT_TYPE_TYPE3 } from '../../protocol/constants.js';
import { CXLMI_RET_UNSUPPORTED } from '../../protocol/retcodes.js';
import { hex } from '../output.js';
import type { Action } from '../program.js';
import { render } from '../render.js';
import { perEndpoint, type Run } from '../run.js';

type Identity = Awaited<ReturnType<Endpoint['identify']>>;

type MemdevIdentity = Awaited<ReturnType<Endpoint['memdevIdentify']>>;

type Identified = Identity & { memdev?: MemdevIdentity };

function componentType(t: number | undefined): string {
  if (t === undefined) return 'not reported (CXL 2.0 device)';
  return `${codeName(COMPONENT_TYPE_NAMES, t)} (${hex(t, 2)})`;
}

/** Identify, plus Identify Memory Device on a Type 3 (or a CXL 2.0 device, which does not say). */
async function identifyWhole(run: Run, ep: Endpoint): Promise<Identified> {
  const id: Identified = await ep.identify(run.call());
  if (id.component_type !== undefined && id.component_type !== CXLMI_COMPONENT_TYPE_TYPE3) return id;
  try {
    id.memdev = await ep.memdevIdentify(run.call());
  } catch (e) {
    // a CXL 2.0 component that is not a memory device answers Unsupported: nothing more to show
    if (!(e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_UNSUPPORTED)) throw e;
  }
  return id;
}

export function identifyText(id: Identified, color = false): string {
  return render(
    id,
    {
      color,
      hex: { vendor_id: 4, device_id: 4, subsys_vendor_id: 4, subsys_id: 4, serial_num: 16 },
      format: {
        max_msg_size: (v: number) => `${2 ** v} bytes (2^${v})`,
        component_type: componentType,
        lsa_size: (v: number) => `${humanSize(v)} (${v} bytes)`,
        poison_list_max_mer: (v: number) => `${v} records`,
        inject_poison_limit: (v: number) => (v === 0 ? '0 (no limit)' : `${v} addresses`),
      },
    },
    2,
  );
}

const humanSize = (n: number) =>
  n >= 1 << 20 && n % (1 << 20) === 0
    ? `${n >> 20} MiB`
    : n >= 1024 && n % 1024 === 0
      ? `${n >> 10} KiB`
      : `${n} B`;

export const runIdentify: Action = async (run, targets) => {
  await perEndpoint(
    run,
    targets,
    (ep) => identifyWhole(run, ep),
    (id) => identifyText(id, run.style.enabled),
  );
};
