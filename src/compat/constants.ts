/** Constants the reference exposes, under its names. */

export {
  LOG_ALERT,
  LOG_CRIT,
  LOG_DEBUG,
  LOG_EMERG,
  LOG_ERR,
  LOG_INFO,
  LOG_NOTICE,
  LOG_WARNING,
} from '../endpoint/log.js';
export {
  CXL_MAILBOX_MAX_PAYLOAD_SIZE,
  CXLMI_COMPONENT_TYPE_SWITCH,
  CXLMI_COMPONENT_TYPE_TYPE3,
  CXLMI_EVENT_LOG_DCD,
  CXLMI_EVENT_LOG_FAIL,
  CXLMI_EVENT_LOG_FATAL,
  CXLMI_EVENT_LOG_INFO,
  CXLMI_EVENT_LOG_WARN,
  CXLMI_MAX_SUPPORTED_EVENT_RECORDS,
  CXLMI_MAX_SUPPORTED_LOGS,
} from '../protocol/constants.js';
export * from '../protocol/retcodes.js';
