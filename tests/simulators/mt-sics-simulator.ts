// The simulator engines live in the core so that training batches can use simulated instruments.
export * from '../../electron/core/devices/simulators/mt-sics-simulator';
