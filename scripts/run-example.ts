/**
 * `npm run example -- NAME [TARGET]`: runs examples/NAME.ts against TARGET (`--emulate`, `mem0`,
 * `mctp:NET,EID`, or nothing to scan MCTP). Errors end in one line, as in the CLI.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));

if (!name || !available.includes(name)) {
  console.error(
    `usage: npm run example -- NAME [--emulate | mem0 | mctp:NET,EID]\nexamples: ${available.join(', ')}`,
  );
  process.exit(2);
}
const file = `${dir}${name}.ts`;
if (!existsSync(file)) process.exit(2);
try {
  const mod = (await import(pathToFileURL(file).href)) as { main(argv: string[]): Promise<number> };
  process.exitCode = await mod.main(rest);
} catch (e) {
  console.error(`${name}: ${(e as Error).message}`);
  process.exitCode = 1;
}
