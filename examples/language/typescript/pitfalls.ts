/**
 * The JavaScript questions an interviewer keeps asking: loose equality,
 * floating-point numbers, 64-bit ids, and the default sort.
 */

// --8<-- [start:equality]
// The operands are `unknown` on purpose: tsc rejects `0 == ""` written out
// (TS2367, the types have no overlap), but values from JSON or a query
// string arrive untyped.
const same = (a: unknown, b: unknown): string => `${a == b} ${a === b}`;

console.log('0 == ""        ', same(0, ""));
//> 0 == ""         true false
console.log('"0" == 0       ', same("0", 0));
//> "0" == 0        true false
console.log('"" == "0"      ', same("", "0")); // so == is not even transitive
//> "" == "0"       false false
console.log("null == undefined", same(null, undefined));
//> null == undefined true false
console.log("NaN == NaN     ", same(NaN, NaN), Number.isNaN(NaN), Object.is(NaN, NaN));
//> NaN == NaN      false false true true
// --8<-- [end:equality]

// --8<-- [start:floats]
console.log(0.1 + 0.2, 0.1 + 0.2 === 0.3);
//> 0.30000000000000004 false

// Money in integer cents: every sum below 2^53 is exact.
const cartCents = [1999, 1, 250].reduce((sum, cents) => sum + cents, 0);
console.log(cartCents, `$${(cartCents / 100).toFixed(2)}`);
//> 2250 $22.50
// --8<-- [end:floats]

// --8<-- [start:bigint]
const max = Number.MAX_SAFE_INTEGER; // 2 ** 53 - 1
console.log(max, max + 1 === max + 2);
//> 9007199254740991 true

// A BIGINT primary key sent as a JSON number is rounded by JSON.parse, silently.
const order = JSON.parse('{"id": 9007199254740993, "customerId": "9007199254740993"}');
console.log(order.id, Number.isSafeInteger(order.id));
//> 9007199254740992 false

// Sent as a string, it survives; BigInt does exact 64-bit arithmetic on it.
const id = BigInt(order.customerId);
console.log(id + 1n, typeof id);
//> 9007199254740994n bigint

// JSON has no bigint: stringify refuses it until you choose a format.
try {
  JSON.stringify({ id });
} catch (error) {
  console.log(String(error));
  //> TypeError: Do not know how to serialize a BigInt
}
const asString = (_key: string, value: unknown) =>
  typeof value === "bigint" ? value.toString() : value;
console.log(JSON.stringify({ id }, asString));
//> {"id":"9007199254740993"}
// --8<-- [end:bigint]

// --8<-- [start:sort]
const latenciesMs = [100, 25, 3, 1000];
console.log([...latenciesMs].sort()); // no comparator: compared as strings
//> [ 100, 1000, 25, 3 ]
console.log([...latenciesMs].sort((a, b) => a - b));
//> [ 3, 25, 100, 1000 ]

// sort() reorders the array in place and returns the same array.
const original = [3, 1, 2];
const sorted = original.sort((a, b) => a - b);
console.log(sorted === original, original);
//> true [ 1, 2, 3 ]

// For bigints a - b is a bigint, and sort() throws on a comparator that
// returns one (tsc rejects it first): compare instead of subtracting.
const ids = [10n, 9n, 100n];
console.log(ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
//> [ 9n, 10n, 100n ]
// --8<-- [end:sort]
