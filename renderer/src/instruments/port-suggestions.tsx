import { useEffect, useState } from 'react';
import type { SerialPortView } from '../../../shared/contract/instruments';
import { call } from '../ipc/client';

/** The serial ports the operating system lists now; empty when it lists none or cannot be asked. */
export function useSerialPorts(): SerialPortView[] {
  const [ports, setPorts] = useState<SerialPortView[]>([]);
  useEffect(() => {
    let current = true;
    call('instruments.ports', {})
      .then((listed) => {
        if (current) setPorts(listed);
      })
      // Suggestions only: the technician can always type the port.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return ports;
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
