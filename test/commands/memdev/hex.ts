/** Test helper: bytes from a hand-written hex string ("01 02 0a", whitespace and | ignored). */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/[\s|]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${s}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** n zero bytes as hex, for reserved runs in vectors. */
export function zeros(n: number): string {
  return '00 '.repeat(n);
}
