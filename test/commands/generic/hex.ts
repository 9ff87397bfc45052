/** Test helpers: byte vectors written as hex text, with `..` comments allowed after `#`. */
export function hex(text: string): Uint8Array {
  const clean = text
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join(' ')
    .replace(/\s+/g, '');
  if (clean.length % 2 !== 0) throw new Error('odd number of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** `n` zero bytes as hex text, for long reserved runs. */
export function zeros(n: number): string {
  return '00'.repeat(n);
}
