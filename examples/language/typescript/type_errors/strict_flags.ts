/**
 * Two flags beyond `strict` that catch real bugs, and the errors tsc reports.
 *
 * This folder is excluded from the build (tsconfig.json) and never run. The
 * `// error TSnnnn:` comment under a line is what tsc prints for it, word for
 * word: tests/language/typescript/test_type_errors.py checks each one, and
 * checks that the file compiles once the mistakes are fixed.
 */

// --8<-- [start:unchecked_index]
// noUncheckedIndexedAccess: a lookup by key or index may find nothing.
const RATE_LIMITS: Record<string, number> = { free: 60, pro: 600 };

function burstLimit(plan: string): number {
  return RATE_LIMITS[plan] * 2; // "enterprise" gives NaN, and every request passes
  // error TS2532: Object is possibly 'undefined'.
}

function oldestJob(queue: { id: string }[]): string {
  const [first] = queue;
  return first.id; // an empty queue throws a TypeError here
  // error TS18048: 'first' is possibly 'undefined'.
}
// --8<-- [end:unchecked_index]

// --8<-- [start:exact_optional]
// exactOptionalPropertyTypes: an optional field is absent, not undefined.
interface ClientOptions {
  timeoutMs?: number;
}

const DEFAULTS = { timeoutMs: 2_000 };

function clientOptions(env: Record<string, string | undefined>): ClientOptions {
  const raw = env["TIMEOUT_MS"];
  return { timeoutMs: raw === undefined ? undefined : Number(raw) };
  // error TS2375: Type '{ timeoutMs: number | undefined; }' is not assignable
  //   to type 'ClientOptions' with 'exactOptionalPropertyTypes: true'. Consider
  //   adding 'undefined' to the types of the target's properties.
  //   Types of property 'timeoutMs' are incompatible.
  //   Type 'number | undefined' is not assignable to type 'number'.
  //   Type 'undefined' is not assignable to type 'number'.
}

// Spread over the defaults, { timeoutMs: undefined } would erase the 2 s default.
const effective = { ...DEFAULTS, ...clientOptions({}) };
// --8<-- [end:exact_optional]

export { burstLimit, effective, oldestJob };
