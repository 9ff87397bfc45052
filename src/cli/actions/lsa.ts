/**
 * Implementation of `cxlmi lsa read|write`: the Label Storage Area (Get/Set LSA, 4102h/4103h), in
 * pieces, with a bar.
 */

import { readFile, writeFile } from 'node:fs/promises';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiUsageError } from '../../errors.js';
import { atBoundary } from '../boundary.js';
import { hexDump, parseNumber } from '../hex.js';
import { humanBytes, sizeText } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

/** Runs an LSA transfer with a progress bar; Ctrl-C stops it between two pieces. */
async function transfer<T>(
  run: Run,
  title: string,
  total: number,
  go: (opts: { signal: AbortSignal; onProgress: (done: number) => void }) => Promise<T>,
): Promise<T> {
  const bar = run.progress({ title, total, unit: 'bytes' });
  const boundary = atBoundary(run.signal);
  try {
    return await go({
      signal: boundary.signal,
      onProgress: (done) => {
        bar.update(done);
        boundary.reached();
      },
    });
  } finally {
    bar.stop();
  }
}

async function lsaSize(run: Run, ep: Endpoint): Promise<number> {
  return (await ep.memdevIdentify(run.call())).lsa_size;
}

export const runRead: Action = async (run, targets, o) => {
  const offset = parseNumber('--offset', String(o.offset), 0xffffffff);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const size = await lsaSize(run, ep);
      const length =
        o.length === undefined
          ? Math.max(0, size - offset)
          : parseNumber('--length', String(o.length), 0xffffffff);
      if (offset + length > size)
        throw new CxlmiUsageError(
          `the LSA of ${run.label(ep)} is ${size} bytes; ${offset}+${length} is past its end`,
        );
      const data = await transfer(run, 'LSA read', length, (t) =>
        ep.readLsa(offset, length, {
          ...run.call(),
          signal: t.signal,
          onProgress: (d) => t.onProgress(d),
        }),
      );
      if (o.output) await writeFile(String(o.output), data);
      return { offset, length, lsa_size: size, ...(o.output ? { file: String(o.output) } : { data }) };
    },
    (r) =>
      'file' in r
        ? `  ${sizeText(r.length)} at offset ${r.offset} written to ${r.file}`
        : `  ${sizeText(r.length)} at offset ${r.offset} (LSA ${humanBytes(r.lsa_size)})\n${hexDump(r.data as Uint8Array, '    ')}`,
  );
};

export const runWrite: Action = async (run, [file, ...targets], o) => {
  const offset = parseNumber('--offset', String(o.offset), 0xffffffff);
  const data = new Uint8Array(
    await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new CxlmiUsageError(`cannot read ${file}: ${e.code ?? e.message}`);
    }),
  );
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const size = await lsaSize(run, ep);
      if (offset + data.length > size)
        throw new CxlmiUsageError(
          `the LSA of ${run.label(ep)} is ${size} bytes; ${file} does not fit at ${offset}`,
        );
      await run.confirm(`overwrite ${data.length} bytes of the LSA of ${run.label(ep)} at offset ${offset}`);
      await transfer(run, 'LSA write', data.length, (t) =>
        ep.writeLsa(offset, data, {
          ...run.call(),
          signal: t.signal,
          onProgress: (d) => t.onProgress(d),
        }),
      );
      return { offset, length: data.length, lsa_size: size };
    },
    {},
    { changes: 'lsa write', sends: 'setLsa' },
  );
};
