/**
 * The physics a simulated balance shares across protocols: the load on the pan, zero and tare,
 * a stability ramp (unstable for N readings after a change), vibration (never settles), and the
 * weighing range (overload above capacity + 9 d, underload below zero − 20 d).
 */

export interface BalanceSpec {
  serialNumber: string;
  model: string;
  capacity: number;
  /** Decimals shown: 2 → readability 0.01. */
  decimals: number;
  unit: string;
  /** Readings that stay unstable after the load changes. */
  rampReadings: number;
  /** Zero may be set within ± this fraction of capacity around the switch-on zero. */
  zeroRange: number;
}

export const defaultBalanceSpec: BalanceSpec = {
  serialNumber: '1234567890',
  model: 'XPE205 Excellence Plus 220.0000 g',
  capacity: 220,
  decimals: 2,
  unit: 'g',
  rampReadings: 3,
  zeroRange: 0.02,
};

export type WeighingState = 'stable' | 'dynamic' | 'overload' | 'underload';

export class BalanceModel {
  readonly spec: BalanceSpec;
  /** What physically lies on the pan, in the balance's unit. */
  load = 0;
  zeroOffset = 0;
  tare = 0;
  /** Draughts or vibration: the value never settles. */
  vibrating = false;
  private unstableLeft = 0;

  constructor(spec: Partial<BalanceSpec> = {}) {
    this.spec = { ...defaultBalanceSpec, ...spec };
  }

  get readability(): number {
    return 10 ** -this.spec.decimals;
  }

  get gross(): number {
    return this.load - this.zeroOffset;
  }

  get net(): number {
    return this.gross - this.tare;
  }

  get stable(): boolean {
    return this.unstableLeft === 0 && !this.vibrating;
  }

  get range(): 'overload' | 'underload' | undefined {
    if (this.gross > this.spec.capacity + 9 * this.readability) return 'overload';
    if (this.gross < -20 * this.readability) return 'underload';
    return undefined;
  }

  /** Puts `load` on the pan (replacing what was there); the reading wobbles for a few readings. */
  place(load: number): void {
    this.load = load;
    this.unstableLeft = this.spec.rampReadings;
  }

  /** One reading as SI or a stream would take it: consumes a step of the stability ramp. */
  sample(): { state: WeighingState; net: number } {
    const range = this.range;
    if (range) return { state: range, net: this.net };
    if (this.stable) return { state: 'stable', net: this.net };
    const wobble = (this.vibrating ? 3 : this.unstableLeft) * 7 * this.readability;
    if (this.unstableLeft > 0) this.unstableLeft--;
    return { state: 'dynamic', net: this.net + wobble };
  }

  /** Readings still to come before the value is stable (Infinity while vibrating). */
  get readingsUntilStable(): number {
    return this.vibrating ? Infinity : this.unstableLeft;
  }

  settle(): void {
    this.unstableLeft = 0;
  }

  zero(): 'done' | 'unstable' | 'above' | 'below' {
    if (!this.stable) return 'unstable';
    const limit = this.spec.zeroRange * this.spec.capacity;
    if (this.load > limit) return 'above';
    if (this.load < -limit) return 'below';
    this.zeroOffset = this.load;
    this.tare = 0;
    return 'done';
  }

  tareNow(): 'done' | 'unstable' | 'above' | 'below' {
    if (!this.stable) return 'unstable';
    if (this.range === 'overload') return 'above';
    if (this.gross < 0) return 'below';
    this.tare = this.gross;
    return 'done';
  }

  format(value: number): string {
    const text = value.toFixed(this.spec.decimals);
    return text === `-${(0).toFixed(this.spec.decimals)}` ? text.slice(1) : text;
  }
}
