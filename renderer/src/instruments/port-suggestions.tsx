import { useEffect, useState } from 'react';
import type { SerialPortView } from '../../../shared/contract/instruments';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';

export interface SerialPortList {
  ports: SerialPortView[];
  /** Why the ports could not be listed (e.g. neither udevadm nor /sys/class/tty), to show by the field. */
  problem?: string;
}

/** The serial ports the operating system lists now; empty, with the reason, when it cannot list them. */
export function useSerialPorts(): SerialPortList {
  const [list, setList] = useState<SerialPortList>({ ports: [] });
  useEffect(() => {
    let current = true;
    call('instruments.ports', {})
      .then((ports) => {
        if (current) setList({ ports });
      })
      // Suggestions only: the technician can still type the port, and is told why none are offered.
      .catch((error: unknown) => {
        if (current) setList({ ports: [], problem: toIpcError(error).message });
      });
    return () => {
      current = false;
    };
  }, []);
  return list;
}

/** Shown under the port field when the ports could not be listed. */
export function PortListProblem({ problem }: { problem: string | undefined }) {
  if (problem === undefined) return null;
  return (
    <p className="instrument-form__ports-problem" role="status" data-testid="instrument-ports-problem">
      {problem}
    </p>
  );
}

/** What tells one USB adapter from another in the list: maker and serial number when the OS knows them. */
function portLabel(port: SerialPortView): string | undefined {
  const label = [port.manufacturer, port.serialNumber ? `S/N ${port.serialNumber}` : undefined]
    .filter(Boolean)
    .join(' · ');
  return label === '' ? undefined : label;
}

/** The ports as suggestions for a port field (`<input list={id}>`). */
export function PortSuggestions({ id, ports }: { id: string; ports: readonly SerialPortView[] }) {
  return (
    <datalist id={id} data-testid="instrument-port-suggestions">
      {ports.map((port) => (
        <option key={port.path} value={port.path} label={portLabel(port)} />
      ))}
    </datalist>
  );
}
