/**
 * Arrays kept in display order (hlc, id): binary search, insert and remove,
 * so one changed message costs O(log n) comparisons plus one splice.
 */
import { compareOrder } from '../../../shared/doc/conversation.js';

export interface Ordered {
  hlc: number;
  id: string;
}

/** Index of the first element not ordered before `key`. */
export function lowerBound(list: readonly Ordered[], key: Ordered): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid];
    if (v !== undefined && compareOrder(v, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element ordered after `key`. */
export function upperBound(list: readonly Ordered[], key: Ordered): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid];
    if (v !== undefined && compareOrder(v, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertOrdered<T extends Ordered>(list: T[], value: T): void {
  list.splice(lowerBound(list, value), 0, value);
}

/** Remove this very element; false when it is not there. */
export function removeOrdered<T extends Ordered>(list: T[], value: T): boolean {
  const at = lowerBound(list, value);
  if (list[at] === value) {
    list.splice(at, 1);
    return true;
  }
  // Not where its order says (should not happen): look everywhere.
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  return i >= 0;
}

/** Position of this very element, or -1. */
export function indexOfOrdered<T extends Ordered>(list: readonly T[], value: T): number {
  const at = lowerBound(list, value);
  return list[at] === value ? at : -1;
}
