import * as dbus from '@jellybrick/dbus-next';

/** Properties per interface per object path, as mctpd exports them. */
export type ObjectTree = Record<string, Record<string, Record<string, dbus.Variant>>>;

export interface StandInMctpd {
  /** Releases the name (so the bus has no owner once this resolves) and disconnects. */
  stop(): Promise<void>;
}

const OBJECT_MANAGER = 'org.freedesktop.DBus.ObjectManager';
const PROPERTIES = 'org.freedesktop.DBus.Properties';

/**
 * A stand-in for mctpd on a private bus: owns `service`, answers
 * ObjectManager.GetManagedObjects at `rootPath` (unless `objectManager` is
 * false) and Properties.Get/GetAll on each object, from a table.
 */
export async function startStandInMctpd(
  address: string,
  service: string,
  rootPath: string,
  objects: ObjectTree,
  /** Read at each call: `hang` leaves GetManagedObjects unanswered (until the stand-in stops). */
  options: { objectManager?: boolean; hang?: boolean } = {},
): Promise<StandInMctpd> {
  const bus = dbus.sessionBus({ busAddress: address });
  const reply = (msg: dbus.Message, signature: string, body: unknown[]): true => {
    bus.send(dbus.Message.newMethodReturn(msg, signature, body));
    return true;
  };
  const fail = (msg: dbus.Message, name: string, text: string): true => {
    bus.send(dbus.Message.newError(msg, name, text));
    return true;
  };
  bus.addMethodHandler((msg: dbus.Message) => {
    if (msg.interface === OBJECT_MANAGER && msg.member === 'GetManagedObjects') {
      if (msg.path !== rootPath || options.objectManager === false) {
        return fail(msg, 'org.freedesktop.DBus.Error.UnknownMethod', `no ObjectManager at ${msg.path}`);
      }
      if (options.hang) return true;
      return reply(msg, 'a{oa{sa{sv}}}', [objects]);
    }
    if (msg.interface === PROPERTIES) {
      const obj = objects[msg.path ?? ''];
      const [ifaceName, propName] = (msg.body ?? []) as string[];
      const props = obj?.[ifaceName ?? ''];
      if (!props)
        return fail(msg, 'org.freedesktop.DBus.Error.UnknownInterface', `no ${ifaceName} at ${msg.path}`);
      if (msg.member === 'GetAll') return reply(msg, 'a{sv}', [props]);
      if (msg.member === 'Get' && propName && props[propName]) return reply(msg, 'v', [props[propName]]);
      return fail(msg, 'org.freedesktop.DBus.Error.UnknownProperty', `no ${propName}`);
    }
    return false;
  });
  await bus.requestName(service, 0);
  return {
    async stop() {
      await bus.releaseName(service);
      bus.disconnect();
    },
  };
}
