/** Exhaustiveness helper for tagged unions. */
export function unexpectedCase(value: never): never {
  throw new Error(`unexpected case: ${JSON.stringify(value)}`);
}
