/**
 * Narrowing: the checks TypeScript follows to shrink a union, and the
 * `never` check that turns a forgotten case into a compile error.
 */

// --8<-- [start:union]
type PaymentEvent =
  | { type: "authorized"; amountCents: number }
  | { type: "captured"; amountCents: number; captureId: string }
  | { type: "refunded"; amountCents: number; reason: string };

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

function ledgerLine(event: PaymentEvent): string {
  switch (event.type) {
    case "authorized":
      return `hold ${event.amountCents}`;
    case "captured": // narrowed: only this member has captureId
      return `charge ${event.amountCents} (${event.captureId})`;
    case "refunded":
      return `refund ${event.amountCents}: ${event.reason}`;
    default:
      return assertNever(event); // event is `never` here; a new type fails to compile
  }
}

console.log(ledgerLine({ type: "captured", amountCents: 1299, captureId: "cap_9" }));
//> charge 1299 (cap_9)

// Types are gone at run time: a newer producer's event reaches the default.
const fromQueue = JSON.parse('{"type":"disputed","amountCents":1299}') as PaymentEvent;
try {
  ledgerLine(fromQueue);
} catch (error) {
  console.log(String(error));
  //> Error: unhandled case: {"type":"disputed","amountCents":1299}
}
// --8<-- [end:union]

// --8<-- [start:checks]
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function cents(amount: number | string): number {
  // typeof narrows primitives: number, string, boolean, bigint, undefined...
  return typeof amount === "number" ? amount : Math.round(Number(amount) * 100);
}

function notify(to: { email: string } | { phone: string }): string {
  // `in` narrows by a property that only one member of the union has.
  return "email" in to ? `mail ${to.email}` : `sms ${to.phone}`;
}

function statusFor(error: unknown): number {
  // instanceof narrows to a class (a constructor that exists at run time).
  if (error instanceof HttpError) return error.status;
  return 500;
}

const notFound = new HttpError(404, "no such order");
console.log(cents("12.34"), notify({ phone: "+15550100" }), statusFor(notFound));
//> 1234 sms +15550100 404
console.log(statusFor("a string was thrown"));
//> 500
// --8<-- [end:checks]

// --8<-- [start:guard]
interface Address {
  city: string;
  postcode: string;
}

// A type predicate: if this returns true, the compiler treats value as Address.
// The compiler trusts it, so the body must check everything it promises.
function isAddress(value: unknown): value is Address {
  return (
    typeof value === "object" &&
    value !== null &&
    "city" in value &&
    typeof value.city === "string" &&
    "postcode" in value &&
    typeof value.postcode === "string"
  );
}

const stored: unknown[] = [{ city: "Oslo", postcode: "0150" }, { city: "Rome" }, null];
const addresses = stored.filter(isAddress); // Address[], not unknown[]
console.log(addresses.map((a) => a.city));
//> [ 'Oslo' ]

// Since TypeScript 5.5 a simple arrow is inferred as a predicate too.
const ids = ["u_1", undefined, "u_3"].filter((id) => id !== undefined); // string[]
console.log(ids.map((id) => id.toUpperCase()));
//> [ 'U_1', 'U_3' ]
// --8<-- [end:guard]

// --8<-- [start:unknown]
const payload = '{"name":"Ada"}';

// `any` switches checking off: a wrong field name compiles, then fails.
const loose: any = JSON.parse(payload);
try {
  console.log(loose.fullName.toUpperCase());
} catch (error) {
  console.log(String(error));
  //> TypeError: Cannot read properties of undefined (reading 'toUpperCase')
}

// `unknown` accepts any value, but allows nothing until you narrow it.
const strict: unknown = JSON.parse(payload);
if (typeof strict === "object" && strict !== null && "name" in strict) {
  console.log(typeof strict.name === "string" ? strict.name.toUpperCase() : "no name");
  //> ADA
}
// --8<-- [end:unknown]
