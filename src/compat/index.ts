/**
 * `cxlmi/compat`: the reference (libcxlmi and its Python bindings) under its own names.
 * A script ports by adding `await`:
 *   import * as cxlmi from 'cxlmi/compat';
 *   const ident = cxlmi.cxlmi_cmd_identify();
 *   await cxlmi.cxlmi_cmd_identify(ep, null, ident);
 */
export * from './commands.generated.js';
export { type CompatCommands, compatCommands } from './commands.js';
export * from './constants.js';
export * from './context.js';
// Explicit exports take precedence over the generated table functions of the same name.
export {
  cxlmi_cmd_get_log,
  cxlmi_cmd_get_log_cel,
  cxlmi_cmd_get_log_cel_rsp,
  cxlmi_cmd_transfer_fw,
  cxlmi_cmd_vendor_specific,
} from './generic-specials.js';
