/** Asks mctpd over D-Bus which MCTP endpoints speak CXL. */
import { CxlmiTransportError, CxlmiUnavailableError } from '../errors.js';
import { MCTP_TYPE_CXL_CCI, MCTP_TYPE_CXL_FMAPI } from '../protocol/constants.js';
import { DbusConnection, DbusRemoteError } from './dbus-connection.js';
import {
  endpointMessageTypes,
  type MctpdEndpointInfo,
  parseEndpointProperties,
} from './endpoint-properties.js';
import {
  MCTP_ENDPOINT_INTERFACE,
  MCTPD_NAMINGS,
  type MctpdNaming,
  SYSTEM_BUS_DEFAULT_ADDRESS,
} from './mctpd-namings.js';

export interface MctpdScanOptions {
  /** Bus to ask; default `$DBUS_SYSTEM_BUS_ADDRESS`, else the system bus socket. */
  readonly busAddress?: string;
  /** Bound on each bus step, in ms (default 5000). */
  readonly busTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Namings to try, in order (default: CodeConstruct's current one, then the older OpenBMC one). */
  readonly namings?: readonly MctpdNaming[];
}

/** A CXL-capable endpoint mctpd knows about. */
export interface MctpdCxlEndpoint extends MctpdEndpointInfo {
  /** Lists message type 0x08 (CXL CCI). */
  readonly cci: boolean;
  /** Lists message type 0x07 (CXL FM-API). */
  readonly fmapi: boolean;
}

export interface MctpdScanResult {
  readonly busAddress: string;
  readonly naming: MctpdNaming;
  /** CXL endpoints, sorted by network then EID. */
  readonly endpoints: readonly MctpdCxlEndpoint[];
}

const DBUS = {
  destination: 'org.freedesktop.DBus',
  path: '/org/freedesktop/DBus',
  iface: 'org.freedesktop.DBus',
};
const OBJECT_MANAGER = 'org.freedesktop.DBus.ObjectManager';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function malformedReply(naming: MctpdNaming, what: string): CxlmiTransportError {
  return new CxlmiTransportError(`${naming.service} answered GetManagedObjects with ${what}`, {
    transport: 'dbus',
    hint: 'expected a{oa{sa{sv}}} (object path → interface → property)',
  });
}

async function detectNaming(
  conn: DbusConnection,
  namings: readonly MctpdNaming[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<MctpdNaming> {
  for (const naming of namings) {
    const reply = await conn.call(
      { ...DBUS, member: 'NameHasOwner' },
      's',
      [naming.service],
      timeoutMs,
      signal,
    );
    if (reply.body[0] === true) return naming;
  }
  throw new CxlmiUnavailableError(
    `mctpd is not running on the bus at ${conn.address}: nobody owns ${namings.map((n) => n.service).join(' or ')}`,
    { transport: 'dbus', hint: "start mctpd (e.g. 'systemctl start mctpd')" },
  );
}

/** Pulls the CXL endpoints out of a GetManagedObjects reply (a{oa{sa{sv}}}). */
export function cxlEndpointsFromManagedObjects(naming: MctpdNaming, objects: unknown): MctpdCxlEndpoint[] {
  if (!isRecord(objects)) throw malformedReply(naming, 'something other than a dictionary');
  const found: MctpdCxlEndpoint[] = [];
  for (const [path, interfaces] of Object.entries(objects)) {
    if (!isRecord(interfaces)) throw malformedReply(naming, `no interface dictionary for ${path}`);
    const props = interfaces[MCTP_ENDPOINT_INTERFACE];
    if (props === undefined) continue;
    if (!isRecord(props)) throw malformedReply(naming, `no property dictionary for ${path}`);
    const types = endpointMessageTypes(path, props);
    const cci = types.includes(MCTP_TYPE_CXL_CCI);
    const fmapi = types.includes(MCTP_TYPE_CXL_FMAPI);
    if (!cci && !fmapi) continue;
    found.push({ ...parseEndpointProperties(path, props), cci, fmapi });
  }
  return found.sort((a, b) => a.net - b.net || a.eid - b.eid);
}

/** Asks mctpd, under whichever naming is running, for the endpoints that speak CXL. */
export async function scanMctpd(options: MctpdScanOptions = {}): Promise<MctpdScanResult> {
  const busAddress = options.busAddress ?? process.env.DBUS_SYSTEM_BUS_ADDRESS ?? SYSTEM_BUS_DEFAULT_ADDRESS;
  const timeoutMs = options.busTimeoutMs ?? 5000;
  const conn = await DbusConnection.open(busAddress, timeoutMs, options.signal);
  try {
    const naming = await detectNaming(conn, options.namings ?? MCTPD_NAMINGS, timeoutMs, options.signal);
    let reply: Awaited<ReturnType<DbusConnection['call']>>;
    try {
      reply = await conn.call(
        {
          destination: naming.service,
          path: naming.rootPath,
          iface: OBJECT_MANAGER,
          member: 'GetManagedObjects',
        },
        '',
        [],
        timeoutMs,
        options.signal,
      );
    } catch (err) {
      if (err instanceof DbusRemoteError) {
        throw new CxlmiTransportError(`${naming.service} refused GetManagedObjects on ${naming.rootPath}`, {
          transport: 'dbus',
          hint: `${err.dbusName}: ${err.message}`,
          cause: err,
        });
      }
      throw err;
    }
    if (reply.signature !== 'a{oa{sa{sv}}}') throw malformedReply(naming, `signature '${reply.signature}'`);
    return { busAddress, naming, endpoints: cxlEndpointsFromManagedObjects(naming, reply.body[0]) };
  } finally {
    conn.close();
  }
}
