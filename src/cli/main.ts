/** Entry point of the `cxlmi` command. */
import { runCli } from './program.js';

// `cxlmi list --json | head -1`: a reader that goes away is the normal end of a pipeline, not a
// crash. Stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
