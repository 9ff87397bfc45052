/** Constants the reference exposes, plus the protocol limits that follow from the spec. */

/** Most event records libcxlmi's Get Event Records response structure holds. */
export const CXLMI_MAX_SUPPORTED_EVENT_RECORDS = 20;
/** Most supported-log entries libcxlmi's Get Supported Logs response structure holds. */
export const CXLMI_MAX_SUPPORTED_LOGS = 7;
/** libcxlmi's payload buffer size for mailbox commands (2 KiB). */
export const CXL_MAILBOX_MAX_PAYLOAD_SIZE = 1 << 11;

/** Size of the CCI message header (CXL r3.1 Figure 7-19). */
export const CCI_HEADER_SIZE = 12;
/** The payload length field is 21 bits wide, so no payload can exceed this. */
export const CCI_MAX_PAYLOAD_LENGTH = (1 << 21) - 1;

/** Message category (header byte 0, bits 3:0). */
export const CCI_CATEGORY_REQUEST = 0;
export const CCI_CATEGORY_RESPONSE = 1;

/** MCTP message types that carry CCI messages (DSP0234 / CXL r3.1 7.6.3). */
export const MCTP_TYPE_CXL_FMAPI = 0x07;
export const MCTP_TYPE_CXL_CCI = 0x08;

/** Event log selectors (CXL r3.1 Table 8-51, Get Event Records input "Event Log"). */
export const CXLMI_EVENT_LOG_INFO = 0;
export const CXLMI_EVENT_LOG_WARN = 1;
export const CXLMI_EVENT_LOG_FAIL = 2;
export const CXLMI_EVENT_LOG_FATAL = 3;
export const CXLMI_EVENT_LOG_DCD = 4;

/** Identify "Component Type" values (CXL r3.1 Table 8-39). */
export const CXLMI_COMPONENT_TYPE_SWITCH = 0x00;
export const CXLMI_COMPONENT_TYPE_TYPE3 = 0x03;

/** Command sets (high byte of the opcode), CXL r3.1 Table 8-37 / 8-126 / 8-164. */
export const CommandSet = {
  INFO_STAT: 0x00,
  EVENTS: 0x01,
  FIRMWARE_UPDATE: 0x02,
  TIMESTAMP: 0x03,
  LOGS: 0x04,
  FEATURES: 0x05,
  MEMDEV_IDENTIFY: 0x40,
  CCLS: 0x41,
  HEALTH_INFO_ALERTS: 0x42,
  MEDIA_AND_POISON: 0x43,
  SANITIZE: 0x44,
  PERSISTENT_MEM: 0x45,
  SECURITY_PASSTHROUGH: 0x46,
  SLD_QOS: 0x47,
  DCD_CONFIG: 0x48,
  PHYSICAL_SWITCH: 0x51,
  VIRTUAL_SWITCH: 0x52,
  MLD_PORT: 0x53,
  MLD_COMPONENTS: 0x54,
  MHD: 0x55,
  DCD_MANAGEMENT: 0x56,
} as const;
