/**
 * Every failure cxlmi reports is one of these classes. Each has a fixed `name`, a stable
 * machine-readable `code`, and the context needed to act on it; the underlying error, if any,
 * is the standard `cause`.
 */
import { cxlmi_cmd_retcode_tostr, retcodeName } from './protocol/retcodes.js';

export type CxlmiErrorCode =
  | 'CXLMI_ERR_TRANSPORT'
  | 'CXLMI_ERR_TIMEOUT'
  | 'CXLMI_ERR_ABORTED'
  | 'CXLMI_ERR_CLOSED'
  | 'CXLMI_ERR_UNAVAILABLE'
  | 'CXLMI_ERR_COMMAND'
  | 'CXLMI_ERR_DECODE'
  | 'CXLMI_ERR_PROTOCOL'
  | 'CXLMI_ERR_USAGE';

export class CxlmiError extends Error {
  override readonly name: string = 'CxlmiError';
  readonly code: CxlmiErrorCode;
  constructor(code: CxlmiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export interface TransportErrorDetails {
  /** Positive errno value (e.g. 1 for EPERM) when an OS call failed. */
  errno?: number;
  /** Symbolic errno (`EPERM`) when known. */
  errnoName?: string;
  /** The system call or operation that failed (`ioctl(CXL_MEM_SEND_COMMAND)`, `recvmsg`). */
  syscall?: string;
  /** What the user should check or change. */
  hint?: string;
  /** Transport kind (`mailbox`, `mctp`, `emulator`, …). */
  transport?: string;
  /** Opcode of the command in flight, when there was one. */
  opcode?: number;
  cause?: unknown;
}

/** A message could not be moved to or from the device. */
export class CxlmiTransportError extends CxlmiError {
  override readonly name: string = 'CxlmiTransportError';
  readonly errno: number | undefined;
  readonly errnoName: string | undefined;
  readonly syscall: string | undefined;
  readonly hint: string | undefined;
  readonly transport: string | undefined;
  readonly opcode: number | undefined;
  constructor(
    message: string,
    details: TransportErrorDetails = {},
    code: CxlmiErrorCode = 'CXLMI_ERR_TRANSPORT',
  ) {
    const suffix = [
      details.errnoName || details.errno !== undefined
        ? ` (${details.errnoName ?? 'errno'}${details.errno !== undefined ? ` ${details.errno}` : ''})`
        : '',
      details.hint ? `: ${details.hint}` : '',
    ].join('');
    super(code, `${message}${suffix}`, { cause: details.cause });
    this.errno = details.errno;
    this.errnoName = details.errnoName;
    this.syscall = details.syscall;
    this.hint = details.hint;
    this.transport = details.transport;
    this.opcode = details.opcode;
  }
}

/** No response arrived within the endpoint's (or the call's) timeout. */
export class CxlmiTimeoutError extends CxlmiTransportError {
  override readonly name = 'CxlmiTimeoutError';
  readonly timeoutMs: number;
  constructor(opcode: number, timeoutMs: number, transport?: string) {
    super(
      `no response to opcode 0x${hex4(opcode)} within ${timeoutMs} ms`,
      { transport, opcode, hint: 'check that the device is reachable, or raise the timeout' },
      'CXLMI_ERR_TIMEOUT',
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired before the command completed. */
export class CxlmiAbortError extends CxlmiError {
  override readonly name = 'CxlmiAbortError';
  readonly opcode: number | undefined;
  constructor(opcode?: number, reason?: unknown) {
    super('CXLMI_ERR_ABORTED', `command${opcode !== undefined ? ` 0x${hex4(opcode)}` : ''} aborted`, {
      cause: reason,
    });
    this.opcode = opcode;
  }
}

/** The endpoint (or its transport) was closed. */
export class CxlmiClosedError extends CxlmiTransportError {
  override readonly name = 'CxlmiClosedError';
  constructor(what = 'endpoint') {
    super(`${what} is closed`, {}, 'CXLMI_ERR_CLOSED');
  }
}

/** A transport or feature this machine cannot provide (no kernel support, missing package, …). */
export class CxlmiUnavailableError extends CxlmiTransportError {
  override readonly name = 'CxlmiUnavailableError';
  constructor(message: string, details: TransportErrorDetails = {}) {
    super(message, details, 'CXLMI_ERR_UNAVAILABLE');
  }
}

/** The device answered with a return code other than Success / Background Operation Started. */
export class CxlmiCommandError extends CxlmiError {
  override readonly name: string = 'CxlmiCommandError';
  readonly retcode: number;
  readonly retcodeName: string;
  readonly vendorStatus: number;
  readonly command: string;
  readonly opcode: number;
  constructor(command: string, opcode: number, retcode: number, vendorStatus = 0) {
    const text = cxlmi_cmd_retcode_tostr(retcode) ?? 'Unknown return code';
    super(
      'CXLMI_ERR_COMMAND',
      `${command} (opcode 0x${hex4(opcode)}) failed: ${text} [${retcodeName(retcode)}, 0x${hex4(retcode)}]` +
        (vendorStatus ? `, vendor status 0x${hex4(vendorStatus)}` : ''),
    );
    this.retcode = retcode;
    this.retcodeName = retcodeName(retcode);
    this.vendorStatus = vendorStatus;
    this.command = command;
    this.opcode = opcode;
  }
}

/**
 * The device answered return code 1 (Background Command Started) to a command whose answer is
 * data: the command runs in the background and its output is not in this response, so there is
 * nothing to decode. (Commands without output resolve with `{ background: true }` instead.)
 */
export class CxlmiBackgroundStartedError extends CxlmiCommandError {
  override readonly name = 'CxlmiBackgroundStartedError';
  readonly background = true;
  constructor(command: string, opcode: number, vendorStatus = 0) {
    super(command, opcode, 1, vendorStatus);
    this.message += '; the device started it as a background operation, so its output is not available';
  }
}

export interface DecodeErrorDetails {
  /** Command or structure being decoded. */
  command?: string;
  /** Dotted path of the field that could not be read (`records[3].length`). */
  field?: string;
  /** Byte offset within the payload where the problem is. */
  offset?: number;
  /** Bytes that were available. */
  length?: number;
}

/** A response payload (or request, on the device side) does not match its layout. */
export class CxlmiDecodeError extends CxlmiError {
  override readonly name = 'CxlmiDecodeError';
  readonly command: string | undefined;
  readonly field: string | undefined;
  readonly offset: number | undefined;
  readonly length: number | undefined;
  constructor(problem: string, details: DecodeErrorDetails = {}) {
    const where = [
      details.command ? `${details.command}` : '',
      details.field ? `field ${details.field}` : '',
      details.offset !== undefined ? `offset ${details.offset}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super('CXLMI_ERR_DECODE', where ? `${where}: ${problem}` : problem);
    this.command = details.command;
    this.field = details.field;
    this.offset = details.offset;
    this.length = details.length;
  }
}

/** A response message is malformed at the message level: header, category, tag, opcode, length. */
export class CxlmiProtocolError extends CxlmiError {
  override readonly name = 'CxlmiProtocolError';
  readonly opcode: number | undefined;
  constructor(message: string, opcode?: number) {
    super('CXLMI_ERR_PROTOCOL', message);
    this.opcode = opcode;
  }
}

/** The caller asked for something that cannot be done (wrong target string, unknown command, …). */
export class CxlmiUsageError extends CxlmiError {
  override readonly name = 'CxlmiUsageError';
  constructor(message: string) {
    super('CXLMI_ERR_USAGE', message);
  }
}

export function hex4(n: number): string {
  return (n >>> 0).toString(16).padStart(4, '0');
}
