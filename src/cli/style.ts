/**
 * Colours: only when the stream is a terminal and `NO_COLOR` is not set (https://no-color.org:
 * any non-empty value turns colour off).
 */

export interface Style {
  readonly enabled: boolean;
  bold(t: string): string;
  dim(t: string): string;
  red(t: string): string;
  green(t: string): string;
  yellow(t: string): string;
}

const sgr = (open: number, close: number) => (t: string) => `\u001b[${open}m${t}\u001b[${close}m`;
const same = (t: string) => t;

const ON: Style = {
  enabled: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
};
const OFF: Style = { enabled: false, bold: same, dim: same, red: same, green: same, yellow: same };

export function colorsWanted(
  tty: boolean | undefined,
  env: Record<string, string | undefined> = {},
): boolean {
  return Boolean(tty) && !env.NO_COLOR;
}

export function styleFor(tty: boolean | undefined, env?: Record<string, string | undefined>): Style {
  return colorsWanted(tty, env) ? ON : OFF;
}
