/** Byte vectors in tests are typed by hand as hex text: `hex('02 00 0c 00')`. `z(n)` is n zero bytes. */
export function hex(text: string): Uint8Array {
  const t = text.replace(/\s+/g, '');
  if (t.length % 2 !== 0 || /[^0-9a-f]/i.test(t)) throw new Error(`bad hex vector: ${text}`);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function z(n: number): string {
  return ' 00'.repeat(n);
}
