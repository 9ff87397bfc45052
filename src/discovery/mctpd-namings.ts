/**
 * The two generations of D-Bus naming that mctpd has used (both are deployed).
 * Facts from CodeConstruct mctp `docs/mctpd.md` and the OpenBMC MCTP interface.
 */
export interface MctpdNaming {
  /** Short label used in messages and results. */
  readonly label: 'codeconstruct' | 'openbmc';
  /** Well-known bus name the daemon owns. */
  readonly service: string;
  /** Object path carrying org.freedesktop.DBus.ObjectManager. */
  readonly rootPath: string;
  /** Human description of where endpoint objects live. */
  readonly endpointLayout: string;
}

/** Today's mctpd: endpoints at `<root>/networks/<net>/endpoints/<eid>`. */
export const CODECONSTRUCT_NAMING: MctpdNaming = {
  label: 'codeconstruct',
  service: 'au.com.codeconstruct.MCTP1',
  rootPath: '/au/com/codeconstruct/mctp1',
  endpointLayout: '/au/com/codeconstruct/mctp1/networks/<net>/endpoints/<eid>',
};

/** Older mctpd releases: endpoints at `<root>/<net>/<eid>`. */
export const OPENBMC_NAMING: MctpdNaming = {
  label: 'openbmc',
  service: 'xyz.openbmc_project.MCTP',
  rootPath: '/xyz/openbmc_project/mctp',
  endpointLayout: '/xyz/openbmc_project/mctp/<net>/<eid>',
};

/** Probe order: the current naming first. */
export const MCTPD_NAMINGS: readonly MctpdNaming[] = [CODECONSTRUCT_NAMING, OPENBMC_NAMING];

/** Interface every endpoint object carries, in both namings. */
export const MCTP_ENDPOINT_INTERFACE = 'xyz.openbmc_project.MCTP.Endpoint';

export const SYSTEM_BUS_DEFAULT_ADDRESS = 'unix:path=/var/run/dbus/system_bus_socket';
