/**
 * MLD Port commands (53h) besides tunneling, on the emulated switch: CXL.io configuration and
 * memory requests to one LD of the MLD on a downstream port. Configuration reads and writes go to
 * the LD's configuration space; memory requests read and write the LD's media.
 */
import { sendLdCxlioConfigRequest, sendLdCxlioMemRequest } from '../../commands/fmapi/mld-port.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import { MldDevice } from './mld.js';
import type { SwitchDevice } from './switch.js';

/** Most data one memory request moves (libcxlmi's limit). */
const MAX_TRANSACTION = 0x1000;
/** Memory request field bit 15: write (0 = read). */
const MEM_WRITE = 1 << 15;

function bad(why: string): never {
  throw new DeviceReturn(CXLMI_RET_INPUT, why);
}

export function registerSwitchMldPort(sw: SwitchDevice): void {
  const mldOn = (portId: number, ld: number) => {
    const dev = sw.port(portId).device;
    if (!(dev instanceof MldDevice)) bad(`port ${portId} has no MLD`);
    if (ld >= dev.ldCount) bad(`port ${portId} has no LD ${ld}`);
    return dev;
  };

  sw.handle(sendLdCxlioConfigRequest, (req) => {
    const space = mldOn(req.ppb_id, req.ld_id).ldConfig[req.ld_id];
    const f = req.field_1;
    const reg = (f & 0xff) | (((f >> 8) & 0xf) << 8);
    let mask = 0;
    for (let b = 0; b < 4; b++) if ((f >> 12) & (1 << b)) mask |= 0xff << (8 * b);
    mask >>>= 0;
    const old = space.get(reg) ?? 0;
    if ((f >> 23) & 1) {
      space.set(reg, ((old & ~mask) | (req.transaction_data & mask)) >>> 0);
      return { return_data: 0 };
    }
    return { return_data: (old & mask) >>> 0 };
  });

  sw.handle(sendLdCxlioMemRequest, (req) => {
    const ld = mldOn(req.port_id, req.ld_id).lds[req.ld_id];
    const len = req.transaction_len;
    if (len === 0 || len > MAX_TRANSACTION) bad(`transaction length ${len}`);
    const cfg = ld.memdev.config;
    if (req.transaction_addr + BigInt(len) > cfg.volatileBytes + cfg.persistentBytes)
      bad('beyond the LD capacity');
    if (req.field_1 & MEM_WRITE) {
      if (req.transaction_data.length < len) bad('less write data than the transaction length');
      ld.memdev.media.write(req.transaction_addr, req.transaction_data.subarray(0, len));
      return { return_size: 0, return_data: new Uint8Array(0) };
    }
    const data = ld.memdev.media.read(req.transaction_addr, len);
    return { return_size: data.length, return_data: data };
  });
}
