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
