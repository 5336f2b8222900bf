/**
 * A typed Result: a function that can fail says so in its return type.
 *
 * A thrown error is invisible in a signature, so callers forget it. A Result
 * is a discriminated union on `ok`: the compiler lets you read `value` only
 * after you checked `ok`, and `error` only after you checked that it is false.
 */

// --8<-- [start:result]
export type Result<T, E = Error> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
// --8<-- [end:result]
