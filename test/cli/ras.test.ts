/**
 * The memory RAS subcommands against the emulator: features get/set by name, maintenance, and the
 * event-to-repair flow (proposal, refusal of an unsafe repair without --force, confirmation naming
 * device and address, the repair run, the record cleared and the poison gone).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import type { Type3Device } from '../../src/emulator/type3.js';
import { withDramError } from './emulated.js';
import { cli } from './run-cli.js';

async function poison(device: Type3Device): Promise<number> {
  return device.memdev.poison.entries.length;
}

describe('cxlmi repair', () => {
  it('--dry-run proposes sPPR for the DRAM record and changes nothing', async () => {
    const d = withDramError();
    const r = await cli(['--emulate', 'repair', '--dry-run', '--json'], { emulator: d.emulator });
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.equal(out.repairs.length, 1);
    assert.equal(out.repairs[0].feature, 'sppr');
    assert.equal(out.repairs[0].done, 'proposed');
    assert.equal(BigInt(out.repairs[0].dpa), d.dpa);
    assert.match(
      out.repairs[0].summary,
      new RegExp(`0x${d.dpa.toString(16)}.*channel 1, rank 0, bank group 3, bank 1, row 0x12`),
    );
    assert.equal(await poison(d.device), 1);
    assert.equal(d.device.ras.repairs.length, 0);
  });

  it('without --yes and no terminal it refuses, naming the repair, the address and the device', async () => {
    const d = withDramError();
    const r = await cli(['--emulate', 'repair'], { emulator: d.emulator });
    assert.equal(r.code, EXIT_USAGE);
    assert.match(
      r.err,
      new RegExp(`soft PPR of the row holding DPA 0x${d.dpa.toString(16)}.* on emulator:type3`),
    );
    assert.equal(d.device.ras.repairs.length, 0);
  });

  it('repairs, clears the record, the poison is gone and the error does not recur', async () => {
    const d = withDramError();
    const r = await cli(['--emulate', 'repair', '--yes'], { emulator: d.emulator });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /event \d+ \(fail\): soft PPR .*: repaired, record cleared/);
    assert.equal(await poison(d.device), 0);
    assert.deepEqual(
      d.device.ras.repairs.map((x) => x.kind),
      ['sppr'],
    );
    assert.equal(d.device.ras.injectDramError({ dpa: d.dpa, uncorrectable: true }), undefined);
    const again = await cli(['--emulate', 'repair', '--yes'], { emulator: d.emulator });
    assert.match(again.out, /no DRAM or General Media event asks for maintenance/);
  });

  it('refuses a repair whose data is not retained unless --force, then runs it with --force', async () => {
    const d = withDramError({ unsafeHppr: true });
    const refused = await cli(['--emulate', 'repair', '--hard', '--yes'], { emulator: d.emulator });
    assert.equal(refused.code, EXIT_USAGE);
    assert.match(refused.err, /refusing hard PPR .* data in the repaired row is not retained.*--force/);
    assert.equal(d.device.ras.repairs.length, 0, 'nothing was sent');
    assert.equal(await poison(d.device), 1);
    const dry = await cli(['--emulate', 'repair', '--hard', '--dry-run', '--json'], { emulator: d.emulator });
    assert.deepEqual(JSON.parse(dry.out).repairs[0].unsafe, [
      'the device says the data in the repaired row is not retained',
    ]);
    const forced = await cli(['--emulate', 'repair', '--hard', '--force', '--yes', '--json'], {
      emulator: d.emulator,
    });
    assert.equal(forced.code, 0, forced.err);
    const rep = JSON.parse(forced.out).repairs[0];
    assert.equal(rep.forced, true);
    assert.equal(rep.done, 'repaired');
    assert.equal(await poison(d.device), 0);
  });

  it('--sparing picks the finest sparing the record gives an address for (cacheline)', async () => {
    const d = withDramError();
    const r = await cli(['--emulate', 'repair', '--sparing', '--yes', '--json'], { emulator: d.emulator });
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).repairs[0].feature, 'cacheline-sparing');
    assert.equal(d.device.ras.repairs[0]?.scope.column, 5);
  });

  it('--handle of a record that is not there is a usage error', async () => {
    const d = withDramError();
    const r = await cli(['--emulate', 'repair', '--handle', '999', '--yes'], { emulator: d.emulator });
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /no event record 999/);
  });
});

describe('cxlmi features get/set and maintenance for the RAS features', () => {
  it('features set patrol-scrub refuses a cycle below the minimum before writing', async () => {
    const d = withDramError();
    const r = await cli(['--emulate', 'features', 'set', 'patrol-scrub', '--cycle-hours', '0', '--yes'], {
      emulator: d.emulator,
    });
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /1 to 255 hours/);
  });

  it('features get ecs --json gives the decoded fields', async () => {
    const r = await cli(['--emulate', 'features', 'get', 'ecs', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.name, 'ecs');
    assert.equal(j.fields.fru_attrs.length, 3);
    assert.equal(j.fields.fru_attrs[0].threshold_count, 3);
  });

  it('maintenance sparing asks for the address fields its kind needs', async () => {
    const r = await cli([
      '--emulate',
      'maintenance',
      'sparing',
      'row',
      '--channel',
      '0',
      '--rank',
      '1',
      '--yes',
    ]);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /row sparing needs bankGroup/);
  });
});
