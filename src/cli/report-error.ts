/**
 * Errors as the user sees them: one line (`cxlmi: …`), never a stack trace; `--verbose` adds the
 * error's class and code, its details (errno, syscall, hint, return code, field, offset), the
 * chain of causes, and the stack.
 */
import { CxlmiAbortError, CxlmiError } from '../errors.js';
import type { Style } from './style.js';

const DETAIL_KEYS = [
  'command',
  'opcode',
  'retcode',
  'retcodeName',
  'vendorStatus',
  'transport',
  'errno',
  'errnoName',
  'syscall',
  'hint',
  'timeoutMs',
  'field',
  'offset',
  'length',
] as const;

function oneLine(e: unknown): string {
  if (e instanceof CxlmiAbortError) {
    const why = e.cause instanceof Error ? e.cause.message : typeof e.cause === 'string' ? e.cause : '';
    return `cancelled${why ? ` (${why})` : ''}`;
  }
  if (e instanceof Error) return e.message.split('\n')[0];
  return String(e);
}

/** `where` names the endpoint when several were asked (left out when the message names it). */
export function errorText(e: unknown, verbose: boolean, style: Style, where?: string): string {
  const line = oneLine(e);
  const prefix = where && !line.includes(where) ? `${where}: ` : '';
  const lines = [`${style.red('cxlmi:')} ${prefix}${line}`];
  if (!verbose) return `${lines[0]}\n`;
  if (e instanceof Error) {
    lines.push(`  error: ${e.name}${e instanceof CxlmiError ? ` (${e.code})` : ''}`);
    const rec = e as unknown as Record<string, unknown>;
    for (const k of DETAIL_KEYS) {
      const v = rec[k];
      if (v === undefined || v === null || v === '') continue;
      const text =
        (k === 'opcode' || k === 'retcode' || k === 'vendorStatus') && typeof v === 'number'
          ? `0x${v.toString(16).padStart(4, '0')}`
          : String(v);
      lines.push(`  ${k}: ${text}`);
    }
    let cause = e.cause;
    for (let depth = 0; cause !== undefined && depth < 5; depth++) {
      lines.push(
        `  caused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`,
      );
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    if (e.stack) lines.push(style.dim(e.stack.split('\n').slice(1).join('\n')));
  }
  return `${lines.join('\n')}\n`;
}
