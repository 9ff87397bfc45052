/** Implementation of `cxlmi qos show|set|status`: SLD QoS Telemetry (CXL r3.1 §8.2.9.9.7). */

import type { Action } from '../program.js';
import { qosControlFrom } from '../qos-control.js';
import { perEndpoint } from '../run.js';

export const runShow: Action = async (run, targets) =>
  void (await perEndpoint(run, targets, (ep) => ep.getSldQosControl(run.call())));

export const runStatus: Action = async (run, targets) =>
  void (await perEndpoint(run, targets, (ep) => ep.getSldQosStatus(run.call())));

export const runSet: Action = async (run, targets, o) => {
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const cur = await ep.getSldQosControl(run.call());
      await ep.setSldQosControl(qosControlFrom(o, cur), run.call());
      return ep.getSldQosControl(run.call());
    },
    {},
    { changes: 'qos set', sends: 'setSldQosControl' },
  );
};
