/**
 * Implementation of `cxlmi raw OPCODE [targets…] --data HEX`: any opcode with a raw payload
 * (vendor commands).
 */

import { CxlmiCommandError } from '../../errors.js';
import {
  CXLMI_RET_BACKGROUND,
  CXLMI_RET_SUCCESS,
  cxlmi_cmd_retcode_tostr,
  retcodeName,
} from '../../protocol/retcodes.js';
import { hexDump, parseHex, parseNumber } from '../hex.js';
import { hex, keyValues } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

export const runRaw: Action = async (run, [opcodeText, ...targets], o) => {
  const opcode = parseNumber('opcode', opcodeText, 0xffff);
  const payload = parseHex(String(o.data ?? ''));
  const outcomes = await perEndpoint(
    run,
    targets,
    async (ep) => {
      const r = await ep.request(opcode, payload, { ...run.call(), fmapi: Boolean(o.fmapi) });
      return {
        opcode,
        retcode: r.retcode,
        retcode_name: retcodeName(r.retcode),
        retcode_text: cxlmi_cmd_retcode_tostr(r.retcode),
        vendor_status: r.vendorStatus,
        background: r.background || r.retcode === CXLMI_RET_BACKGROUND,
        payload: r.payload,
      };
    },
    (r) => {
      const head = keyValues([
        ['  opcode', hex(r.opcode, 4)],
        ['  retcode', `${hex(r.retcode, 4)} ${r.retcode_text ?? 'Unknown'} (${r.retcode_name})`],
        ['  vendor_status', hex(r.vendor_status, 4)],
        ['  background', r.background ? 'yes' : 'no'],
        ['  payload', `${r.payload.length} bytes`],
      ]);
      return r.payload.length ? `${head}\n${hexDump(r.payload, '    ')}` : head;
    },
    // Any opcode may change state (4400h is Sanitize): raw goes to exactly one device.
    { changes: `raw ${hex(opcode, 4)}`, opcode },
  );
  // The answer is printed either way; a failure return code still sets the exit code.
  for (const o of outcomes) {
    if (o.ok && o.value.retcode !== CXLMI_RET_SUCCESS && o.value.retcode !== CXLMI_RET_BACKGROUND) {
      run.fail(new CxlmiCommandError('raw', opcode, o.value.retcode, o.value.vendor_status));
    }
  }
};
