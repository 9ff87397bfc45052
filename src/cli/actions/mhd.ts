/**
 * Implementation of `cxlmi mhd info|heads`: multi-headed devices (CXL r3.1 §7.6.7.5). The LD-pool CCI answers these;
 * from a head's CCI they go through the MHD tunnel, which `--mhd` asks for (and which is used by
 * itself when the head answers Unsupported and no tunnel was given).
 */

import type { CallOptions } from '../../endpoint/options.js';
import { CxlmiCommandError } from '../../errors.js';
import { CXLMI_RET_UNSUPPORTED } from '../../protocol/retcodes.js';
import { tunnelMhd } from '../../transport/tunnel-info.js';
import { table } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

/** Runs `fn` as asked; on a head that answers Unsupported, again through the MHD tunnel. */
async function viaPool<T>(run: Run, fn: (opts: CallOptions) => Promise<T>): Promise<T> {
  try {
    return await fn(run.call());
  } catch (e) {
    const unsupported = e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_UNSUPPORTED;
    if (!unsupported || run.tunnel() !== null) throw e;
    // Not a head either when the tunnel fails too: report the first answer (Unsupported).
    return fn({ tunnel: tunnelMhd() }).catch(() => {
      throw e;
    });
  }
}

export const runInfo: Action = async (run, targets) => {
  await perEndpoint(run, targets, (ep) =>
    viaPool(run, (opts) => ep.getMultiheadedInfo({ start_ld_id: 0, ld_map_list_limit: 0xff }, opts)),
  );
};

export const runHeads: Action = async (run, targets) => {
  await perEndpoint(
    run,
    targets,
    (ep) => viaPool(run, (opts) => ep.getHeadInfo({ start_head: 0, num_heads: 0xff }, opts)),
    (r) =>
      table(
        ['HEAD', 'PORT', 'WIDTH', 'SPEED', 'LTSSM'],
        r.head_info_list.map((h, i) => [
          String(i),
          String(h.port_num),
          `x${h.field_2}/x${h.field_1}`,
          `gen${h.field_5}/gen${h.field_4}`,
          String(h.ltssm_state),
        ]),
        run.style.enabled,
      ).replace(/^/gm, '  '),
  );
};
