/**
 * CXL command return codes (CXL r3.1 Table 8-34, "Generic Command Return Codes").
 * The numeric values are the spec's; the constant names are libcxlmi's so ported code keeps working.
 */
export const CXLMI_RET_SUCCESS = 0x00;
export const CXLMI_RET_BACKGROUND = 0x01;
export const CXLMI_RET_INPUT = 0x02;
export const CXLMI_RET_UNSUPPORTED = 0x03;
export const CXLMI_RET_INTERNAL = 0x04;
export const CXLMI_RET_RETRY = 0x05;
export const CXLMI_RET_BUSY = 0x06;
export const CXLMI_RET_MEDIADISABLED = 0x07;
export const CXLMI_RET_FWINPROGRESS = 0x08;
export const CXLMI_RET_FWOOO = 0x09;
export const CXLMI_RET_FWAUTH = 0x0a;
export const CXLMI_RET_FWSLOT = 0x0b;
export const CXLMI_RET_FWROLLBACK = 0x0c;
export const CXLMI_RET_FWRESET = 0x0d;
export const CXLMI_RET_HANDLE = 0x0e;
export const CXLMI_RET_PADDR = 0x0f;
export const CXLMI_RET_POISONLMT = 0x10;
export const CXLMI_RET_MEDIAFAILURE = 0x11;
export const CXLMI_RET_ABORT = 0x12;
export const CXLMI_RET_SECURITY = 0x13;
export const CXLMI_RET_PASSPHRASE = 0x14;
export const CXLMI_RET_MBUNSUPPORTED = 0x15;
export const CXLMI_RET_PAYLOADLEN = 0x16;
export const CXLMI_RET_LOG = 0x17;
export const CXLMI_RET_INTERRUPTED = 0x18;
export const CXLMI_RET_FEATUREVERSION = 0x19;
export const CXLMI_RET_FEATURESELVALUE = 0x1a;
export const CXLMI_RET_FEATURETRANSFERIP = 0x1b;
export const CXLMI_RET_FEATURETRANSFEROOO = 0x1c;
export const CXLMI_RET_RESOURCEEXHAUSTED = 0x1d;
export const CXLMI_RET_EXTLIST = 0x1e;
export const CXLMI_RET_TRANSFEROOO = 0x1f;
export const CXLMI_RET_NO_BGABORT = 0x20;

interface RetcodeInfo {
  readonly name: string;
  readonly text: string;
}

/** Indexed by return code: the constant's name and a short description in the spec's terms. */
const RETCODES: readonly RetcodeInfo[] = [
  { name: 'CXLMI_RET_SUCCESS', text: 'Success' },
  { name: 'CXLMI_RET_BACKGROUND', text: 'Background Command Started' },
  { name: 'CXLMI_RET_INPUT', text: 'Invalid Input' },
  { name: 'CXLMI_RET_UNSUPPORTED', text: 'Unsupported' },
  { name: 'CXLMI_RET_INTERNAL', text: 'Internal Error' },
  { name: 'CXLMI_RET_RETRY', text: 'Retry Required' },
  { name: 'CXLMI_RET_BUSY', text: 'Busy' },
  { name: 'CXLMI_RET_MEDIADISABLED', text: 'Media Disabled' },
  { name: 'CXLMI_RET_FWINPROGRESS', text: 'FW Transfer in Progress' },
  { name: 'CXLMI_RET_FWOOO', text: 'FW Transfer Out of Order' },
  { name: 'CXLMI_RET_FWAUTH', text: 'FW Verification Failed' },
  { name: 'CXLMI_RET_FWSLOT', text: 'Invalid Slot' },
  { name: 'CXLMI_RET_FWROLLBACK', text: 'Activation Failed, FW Rolled Back' },
  { name: 'CXLMI_RET_FWRESET', text: 'Activation Failed, Cold Reset Required' },
  { name: 'CXLMI_RET_HANDLE', text: 'Invalid Handle' },
  { name: 'CXLMI_RET_PADDR', text: 'Invalid Physical Address' },
  { name: 'CXLMI_RET_POISONLMT', text: 'Inject Poison Limit Reached' },
  { name: 'CXLMI_RET_MEDIAFAILURE', text: 'Permanent Media Failure' },
  { name: 'CXLMI_RET_ABORT', text: 'Aborted' },
  { name: 'CXLMI_RET_SECURITY', text: 'Invalid Security State' },
  { name: 'CXLMI_RET_PASSPHRASE', text: 'Incorrect Passphrase' },
  { name: 'CXLMI_RET_MBUNSUPPORTED', text: 'Unsupported Mailbox or CCI' },
  { name: 'CXLMI_RET_PAYLOADLEN', text: 'Invalid Payload Length' },
  { name: 'CXLMI_RET_LOG', text: 'Invalid Log' },
  { name: 'CXLMI_RET_INTERRUPTED', text: 'Interrupted' },
  { name: 'CXLMI_RET_FEATUREVERSION', text: 'Unsupported Feature Version' },
  { name: 'CXLMI_RET_FEATURESELVALUE', text: 'Unsupported Feature Selection Value' },
  { name: 'CXLMI_RET_FEATURETRANSFERIP', text: 'Feature Transfer in Progress' },
  { name: 'CXLMI_RET_FEATURETRANSFEROOO', text: 'Feature Transfer Out of Order' },
  { name: 'CXLMI_RET_RESOURCEEXHAUSTED', text: 'Resources Exhausted' },
  { name: 'CXLMI_RET_EXTLIST', text: 'Invalid Extent List' },
  { name: 'CXLMI_RET_TRANSFEROOO', text: 'Transfer Out of Order' },
  { name: 'CXLMI_RET_NO_BGABORT', text: 'Request Abort Not Supported' },
];

/** Number of return codes this library knows (0 .. RETCODE_COUNT - 1). */
export const RETCODE_COUNT = RETCODES.length;

/**
 * The spec's description of a return code, or `null` for a code the spec does not define
 * (as libcxlmi returns NULL).
 */
export function cxlmi_cmd_retcode_tostr(code: number): string | null {
  return Number.isInteger(code) && code >= 0 && code < RETCODES.length ? RETCODES[code].text : null;
}

/** The constant's name for a return code (`CXLMI_RET_INPUT`), or `CXLMI_RET_0x0042` when unknown. */
export function retcodeName(code: number): string {
  return Number.isInteger(code) && code >= 0 && code < RETCODES.length
    ? RETCODES[code].name
    : `CXLMI_RET_0x${(code >>> 0).toString(16).padStart(4, '0')}`;
}
