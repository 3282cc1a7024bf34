import type { FramerOptions } from '../framing/line-framer';
import type { InstrumentReply, LineDecoder } from '../replies';
import type { SerialSettings } from '../serial-settings';

export const protocolNames = ['mt-sics', 'sartorius-sbi', 'and', 'ph-mt', 'scanner'] as const;
export type ProtocolName = (typeof protocolNames)[number];

export type InstrumentKind = 'balance' | 'ph-meter' | 'barcode-scanner';

/**
 * How long a command may take: `quick` ones are answered at once; `settle` ones wait inside the
 * instrument for a stable value (MT-SICS `S`, `T`, `Z`), so they get the longer timeout.
 */
export type CommandPace = 'quick' | 'settle';

export interface InstrumentCommand {
  /** As a technician would write it in a log: "S", "ESC P", "?SN". */
  name: string;
  bytes: Buffer;
  pace: CommandPace;
  /**
   * Which decoded replies answer this command; any other reply passes by as unsolicited.
   * Absent when the instrument answers nothing (Sartorius ESC T, A&D C).
   */
  answers?: (reply: InstrumentReply) => boolean;
  /**
   * Sent when the command is given up (timed out, driver closed) so the instrument stops working
   * on it: A&D `C` after `S`. Absent where the protocol has no harmless way (MT-SICS `@` would
   * clear the tare; SBI answers at once, so nothing is left pending).
   */
  cancel?: InstrumentCommand;
}

/** Everything the driver needs to talk to one kind of instrument; no state, no I/O. */
export interface InstrumentProtocol {
  name: ProtocolName;
  kind: InstrumentKind;
  /** For messages and docs: "Mettler Toledo MT-SICS". */
  label: string;
  defaultSettings: SerialSettings;
  framing: FramerOptions;
  decode: LineDecoder;
  commands: {
    /** Sent first on connect to stop a repeat mode left running; MT-SICS `@` answers the serial number too. */
    reset?: InstrumentCommand;
    serialNumber?: InstrumentCommand;
    model?: InstrumentCommand;
    /** Answered only once the value is stable (or with "not executable" when it never settles). */
    readStable?: InstrumentCommand;
    readImmediate?: InstrumentCommand;
    startStream?: InstrumentCommand;
    stopStream?: InstrumentCommand;
    tare?: InstrumentCommand;
    readTare?: InstrumentCommand;
    zero?: InstrumentCommand;
  };
}

/** A command that is its text followed by CR LF. */
export function lineCommand(
  text: string,
  pace: CommandPace,
  answers: ((reply: InstrumentReply) => boolean) | undefined,
): InstrumentCommand {
  return { name: text, bytes: Buffer.from(`${text}\r\n`, 'latin1'), pace, answers };
}

/** Matches replies that carry one of these reply identifiers (MT-SICS answers with the command's name). */
export const repliesWithId =
  (...ids: string[]) =>
  (reply: InstrumentReply): boolean =>
    'id' in reply && ids.includes(reply.id);
