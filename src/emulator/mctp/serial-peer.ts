/**
 * Emulated devices as MCTP endpoints behind one serial link (DSP0253): bytes in, frames,
 * packets, messages; CXL CCI messages (type 08h) and FM-API messages (type 07h) go to the
 * device that takes them, MCTP control (type 00h) is answered here; replies go back packetised
 * into the baseline transmission unit and framed. Several EIDs may share the link.
 */
import { randomUUID } from 'node:crypto';
import { MCTP_TYPE_CXL_CCI, MCTP_TYPE_CXL_FMAPI } from '../../protocol/constants.js';
import type { EmulatedDevice } from '../device.js';
import { answerControl, type ControlTarget, MCTP_TYPE_CONTROL } from './control.js';
import { MCTP_BASELINE_UNIT, type MctpMessage, packetise, Reassembler } from './packet.js';
import { type MctpSerialFault, MctpSerialFaults } from './serial-faults.js';
import { encodeSerialFrame, SerialFrameDecoder } from './serial-framing.js';

export interface MctpSerialEndpoint {
  /** The endpoint's EID (1..254); MCTP control may change it later. */
  eid: number;
  /** Answers CXL CCI messages (message type 08h): a Type 3 device, an LD, … */
  cci?: EmulatedDevice;
  /** Answers CXL FM-API messages (message type 07h): a switch, an MLD's FM-owned LD, … */
  fmapi?: EmulatedDevice;
  /** Endpoint UUID for Get Endpoint UUID (default: a random one). */
  uuid?: string;
}

export interface MctpSerialPeerOptions {
  devices: readonly MctpSerialEndpoint[];
  /** Body bytes per packet (default 64, the baseline unit Linux's mctp-serial expects). */
  unit?: number;
}

/** Where bytes go: a socket, a tty, or a test's buffer. */
export interface ByteSink {
  write(bytes: Uint8Array): unknown;
}

export interface MctpSerialStats {
  framesIn: number;
  framesOut: number;
  messagesIn: number;
  repliesOut: number;
  /** Messages for an EID that is not behind this link. */
  unknownEid: number;
  /** Messages of a type the endpoint does not take (dropped silently, as DSP0236 asks). */
  unsupportedType: number;
}

class Endpoint implements ControlTarget {
  eid: number;
  readonly uuid: Uint8Array;
  readonly messageTypes: number[];
  constructor(
    readonly spec: MctpSerialEndpoint,
    readonly peer: MctpSerialPeer,
  ) {
    this.eid = spec.eid;
    this.uuid = uuidBytes(spec.uuid ?? randomUUID());
    this.messageTypes = [
      ...(spec.fmapi ? [MCTP_TYPE_CXL_FMAPI] : []),
      ...(spec.cci ? [MCTP_TYPE_CXL_CCI] : []),
    ];
  }
  eidTaken(eid: number): boolean {
    return this.peer.endpoints.some((e) => e !== this && e.eid === eid);
  }
}

function uuidBytes(text: string): Uint8Array {
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`not a UUID: ${text}`);
  return Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
}

function checkEid(eid: number): void {
  if (!Number.isInteger(eid) || eid < 1 || eid > 0xfe) throw new RangeError(`EID must be 1..254, got ${eid}`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The endpoints and their state; attach() it to each byte stream that reaches them. */
export class MctpSerialPeer {
  readonly endpoints: Endpoint[];
  readonly faults = new MctpSerialFaults();
  readonly stats: MctpSerialStats = {
    framesIn: 0,
    framesOut: 0,
    messagesIn: 0,
    repliesOut: 0,
    unknownEid: 0,
    unsupportedType: 0,
  };
  readonly unit: number;

  constructor(opts: MctpSerialPeerOptions) {
    if (!opts.devices.length) throw new RangeError('an MCTP serial peer needs at least one endpoint');
    this.unit = opts.unit ?? MCTP_BASELINE_UNIT;
    if (!Number.isInteger(this.unit) || this.unit < 1 || this.unit > 251)
      throw new RangeError(`unit must be 1..251, got ${this.unit}`);
    for (const d of opts.devices) {
      checkEid(d.eid);
      if (!d.cci && !d.fmapi) throw new RangeError(`endpoint ${d.eid} needs a cci or fmapi device`);
    }
    if (new Set(opts.devices.map((d) => d.eid)).size !== opts.devices.length)
      throw new RangeError('two endpoints share an EID');
    this.endpoints = opts.devices.map((d) => new Endpoint(d, this));
  }

  /** The EIDs behind the link now. */
  get eids(): number[] {
    return this.endpoints.map((e) => e.eid);
  }

  /** Starts a link session writing to `out`; feed it the bytes received. */
  link(out: ByteSink): MctpSerialLink {
    return new MctpSerialLink(this, out);
  }

  /** @internal The endpoint a message to `dest` is for (null and broadcast EIDs: control only, the first endpoint). */
  route(dest: number, type: number): Endpoint | undefined {
    if ((dest === 0 || dest === 0xff) && type === MCTP_TYPE_CONTROL) return this.endpoints[0];
    return this.endpoints.find((e) => e.eid === dest);
  }
}

/** One byte stream to the endpoints: framing, reassembly and an ordered transmit queue. */
export class MctpSerialLink {
  readonly decoder: SerialFrameDecoder;
  readonly reassembler = new Reassembler();
  readonly #peer: MctpSerialPeer;
  readonly #out: ByteSink;
  #tx: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(peer: MctpSerialPeer, out: ByteSink) {
    this.#peer = peer;
    this.#out = out;
    this.decoder = new SerialFrameDecoder((p) => this.#packet(p));
  }

  /** Bytes from the other side. */
  receive(bytes: Uint8Array): void {
    this.decoder.push(bytes);
  }

  /** Stops sending (pending replies are dropped). */
  close(): void {
    this.#closed = true;
  }

  /** Resolves once every reply queued so far has been written. */
  drain(): Promise<void> {
    return this.#tx;
  }

  #packet(p: Uint8Array): void {
    this.#peer.stats.framesIn++;
    const m = this.reassembler.push(p);
    if (m) this.#message(m);
  }

  #message(m: MctpMessage): void {
    const peer = this.#peer;
    peer.stats.messagesIn++;
    if (!m.to) return; // a response: nothing here sends requests
    const type = m.bytes[0] & 0x7f;
    const ep = peer.route(m.dest, type);
    if (!ep) {
      peer.stats.unknownEid++;
      return;
    }
    let reply: Uint8Array | null | undefined;
    let opcode: number | undefined;
    if (type === MCTP_TYPE_CONTROL) {
      reply = answerControl(m.bytes, ep);
    } else {
      const device =
        type === MCTP_TYPE_CXL_CCI ? ep.spec.cci : type === MCTP_TYPE_CXL_FMAPI ? ep.spec.fmapi : undefined;
      // Integrity check bit set, or a type this endpoint does not take: stay silent.
      if (!device || m.bytes[0] & 0x80) {
        peer.stats.unsupportedType++;
        return;
      }
      const body = m.bytes.subarray(1);
      opcode = body.length >= 5 ? body[3] | (body[4] << 8) : undefined;
      const r = device.dispatch(body);
      if (r) {
        reply = new Uint8Array(1 + r.length);
        reply[0] = type;
        reply.set(r, 1);
      }
    }
    if (!reply) return;
    const fault = peer.faults.size ? peer.faults.take(ep.eid, type, opcode) : undefined;
    this.#send({ dest: m.src, src: ep.eid, to: false, tag: m.tag, bytes: reply }, fault);
  }

  #send(m: MctpMessage, fault: MctpSerialFault | undefined): void {
    if (fault?.kind === 'drop') return;
    if (fault?.kind === 'stale-tag') m.tag = (m.tag + 1) & 7;
    if (fault?.kind === 'wrong-eid') m.src = fault.eid ?? ((m.src + 99) % 254) + 1;
    const frames = packetise(m, this.#peer.unit).map(encodeSerialFrame);
    if (fault?.kind === 'corrupt-fcs') frames[0][frames[0].length - 2] ^= 0x01;
    const delay = fault?.kind === 'delay' ? fault.ms : 0;
    const split = fault?.kind === 'split' ? fault : undefined;
    const write = async (): Promise<void> => {
      for (const f of frames) {
        if (this.#closed) return;
        if (!split) this.#out.write(f);
        else {
          const chunk = Math.max(1, split.chunk ?? 1);
          for (let i = 0; i < f.length && !this.#closed; i += chunk) {
            this.#out.write(f.subarray(i, i + chunk));
            await sleep(split.gapMs ?? 1);
          }
        }
        this.#peer.stats.framesOut++;
      }
      this.#peer.stats.repliesOut++;
    };
    const queue = (): void => {
      this.#tx = this.#tx.then(write, write);
    };
    if (delay > 0) setTimeout(queue, delay);
    else queue();
  }
}
