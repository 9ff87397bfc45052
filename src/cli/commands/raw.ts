/** `cxlmi raw OPCODE [targets…] --data HEX`: any opcode with a raw payload (vendor commands). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerRaw(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('raw')
      .description('send any opcode with a raw payload; prints the return code and the response payload')
      .argument('<opcode>', 'command set << 8 | command, e.g. 0x0300 (Get Timestamp) or 0xc000 (vendor)')
      .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
      .option('-d, --data <hex>', 'request payload as hex bytes', '')
      .option('--fmapi', 'send as an FM-API command (MCTP message type 07h)'),
    'cxlmi --emulate raw 0x0300',
    'cxlmi raw 0x0301 emu:lab.sock --data "00 00 e8 89 04 23 c7 8a"   # Set Timestamp',
  ).action(wrap(() => import('../actions/raw.js').then((m) => m.runRaw)));
}
