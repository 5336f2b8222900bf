/**
 * The modern JavaScript a backend reads every day: block scope, destructuring,
 * spread, optional chaining and the two "default" operators.
 */

// --8<-- [start:scope]
const limits = { maxRetries: 3 };
limits.maxRetries = 5; // const fixes the binding, not the object behind it
console.log(limits);
//> { maxRetries: 5 }

const attempt = 1;
if (attempt > 0) {
  const attempt = 99; // a new variable that exists only inside this block
  console.log("inside the block:", attempt);
  //> inside the block: 99
}
console.log("after the block:", attempt);
//> after the block: 1

// Both declarations are hoisted to the top of the module. A `var` starts as
// undefined; a `let` or `const` throws until its line has run (the "temporal
// dead zone"). tsc does not see the early read through a function call.
function legacyTimeout(): number {
  return legacyTimeoutMs;
}
function timeout(): number {
  return timeoutMs;
}
console.log("var read early:", legacyTimeout());
//> var read early: undefined
try {
  timeout();
} catch (error) {
  console.log(String(error));
  //> ReferenceError: Cannot access 'timeoutMs' before initialization
}
var legacyTimeoutMs = 500;
const timeoutMs = 500;
// --8<-- [end:scope]

// --8<-- [start:destructuring]
interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  profile: { plan: string; region?: string };
}

const row: UserRow = {
  id: "u_7",
  email: "ada@example.com",
  passwordHash: "$argon2id$v=19$...",
  profile: { plan: "pro" },
};

// Rename, reach into a nested object, and give a default for a missing field.
const {
  email: contact,
  profile: { plan, region = "eu-west-1" },
} = row;
console.log(contact, plan, region);
//> ada@example.com pro eu-west-1

// Rest collects what is left: the usual way to drop a secret before responding.
const { passwordHash: _dropped, ...publicUser } = row;
console.log(publicUser);
//> { id: 'u_7', email: 'ada@example.com', profile: { plan: 'pro' } }

const [first, ...others] = ["u_1", "u_2", "u_3"];
console.log(first, others);
//> u_1 [ 'u_2', 'u_3' ]
// --8<-- [end:destructuring]

// --8<-- [start:spread]
const defaults = { timeoutMs: 2_000, retries: 3, tls: { verify: true } };

// Later keys win, so overrides go last.
const merged = { ...defaults, retries: 5 };
console.log(merged.retries, defaults.retries);
//> 5 3

// A key that is present with the value undefined still wins.
const fromEnv: { timeoutMs?: number | undefined } = { timeoutMs: undefined };
console.log({ ...defaults, ...fromEnv }.timeoutMs);
//> undefined

// Spread copies one level: the nested object is shared, not copied.
merged.tls.verify = false;
console.log("defaults.tls.verify is now", defaults.tls.verify);
//> defaults.tls.verify is now false

const deep = structuredClone(defaults);
deep.tls.verify = true;
console.log("after structuredClone:", defaults.tls.verify, deep.tls.verify);
//> after structuredClone: false true
// --8<-- [end:spread]

// --8<-- [start:optional]
interface Settings {
  retries?: number;
  prefix?: string;
  audit?: { sink?: { write(line: string): string } };
}

// The caller asked for no retries and no prefix: 0 and "" are real values.
const settings: Settings = { retries: 0, prefix: "" };

console.log("|| gives", settings.retries || 3, JSON.stringify(settings.prefix || "v1"));
//> || gives 3 "v1"
console.log("?? gives", settings.retries ?? 3, JSON.stringify(settings.prefix ?? "v1"));
//> ?? gives 0 ""

// ?. stops at null or undefined and returns undefined instead of throwing;
// ?.() calls a function only if it is there.
console.log(settings.audit?.sink?.write("login"));
//> undefined
try {
  const unchecked = settings.audit as { sink: { write(line: string): string } };
  unchecked.sink.write("login");
} catch (error) {
  console.log(String(error));
  //> TypeError: Cannot read properties of undefined (reading 'sink')
}
// --8<-- [end:optional]
