import { isIsoDate, type IsoDate } from '../validators/dates';

/**
 * Caches for pure validators, so a batch over a million certificates does not redo the
 * same work: codes, classes, dates and authority codes repeat across the stock, and two
 * rules often look at the same value of one certificate.
 */

/** A string-keyed cache that forgets everything when full (cheap, bounded, good enough). */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: (key: string) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/**
 * Remembers only the last call: for values unique to one certificate (ID number, plate,
 * identifier) that two rules of the same run read one after the other.
 */
export function lastCall<V>(fn: (input: string) => V): (input: string) => V {
  let lastInput: string | undefined;
  let lastValue: V;
  return (input) => {
    if (input !== lastInput) {
      lastValue = fn(input);
      lastInput = input;
    }
    return lastValue;
  };
}

/** Issue and expiry dates repeat heavily across the stock. */
const dates = new BoundedMemo<boolean>(16_384);

/** A well-formed, real ISO date (cached). Rules compare dates as strings only after this. */
export function isDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && dates.get(value, isIsoDate);
}
