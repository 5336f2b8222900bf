/**
 * Mistakes that strict TypeScript rejects before any test runs.
 *
 * Never run; see strict_flags.ts for how the `// error` comments are checked.
 */

// --8<-- [start:unknown]
const body: unknown = JSON.parse('{"email":"ada@example.com"}');

console.log(body.email);
// error TS18046: 'body' is of type 'unknown'.

if (typeof body === "object" && body !== null) {
  console.log(body.email); // an object, but nothing says it has email
  // error TS2339: Property 'email' does not exist on type 'object'.
}
// --8<-- [end:unknown]

// --8<-- [start:exhaustive]
type PaymentEvent =
  | { type: "authorized"; amountCents: number }
  | { type: "captured"; amountCents: number }
  | { type: "disputed"; amountCents: number }; // a new member, added last week

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

function ledgerLine(event: PaymentEvent): string {
  switch (event.type) {
    case "authorized":
      return `hold ${event.amountCents}`;
    case "captured":
      return `charge ${event.amountCents}`;
    default:
      return assertNever(event);
    // error TS2345: Argument of type '{ type: "disputed"; amountCents: number; }'
    //   is not assignable to parameter of type 'never'.
  }
}
// --8<-- [end:exhaustive]

// --8<-- [start:this]
class Mailer {
  sent = 0;

  send(this: Mailer, to: string): string {
    this.sent += 1;
    return `mail #${this.sent} to ${to}`;
  }
}

const send = new Mailer().send;
send("ada@example.com");
// error TS2684: The 'this' context of type 'void' is not assignable to
//   method's 'this' of type 'Mailer'.
// --8<-- [end:this]

// --8<-- [start:ids]
const userId = 42; // a number column
const fromUrl = "/users/42".split("/")[2] ?? ""; // a route parameter is a string

if (fromUrl === userId) {
  // error TS2367: This comparison appears to be unintentional because the
  //   types 'string' and 'number' have no overlap.
  console.log("the owner"); // never printed: "42" === 42 is false
}
// --8<-- [end:ids]

// --8<-- [start:readonly]
interface PublicUser {
  readonly id: string;
  name: string;
}

function rename(user: PublicUser): void {
  user.id = "u_0";
  // error TS2540: Cannot assign to 'id' because it is a read-only property.
}
// --8<-- [end:readonly]

// --8<-- [start:record]
type Role = "viewer" | "editor" | "owner";

const seatsByRole: Record<Role, number> = { viewer: 50, editor: 10 };
// error TS2741: Property 'owner' is missing in type
//   '{ viewer: number; editor: number; }' but required in type
//   'Record<Role, number>'.
// --8<-- [end:record]

// --8<-- [start:bigint]
const orderIds = [10n, 9n, 100n];
orderIds.sort((a, b) => a - b);
// error TS2345: Argument of type '(a: bigint, b: bigint) => bigint' is not
//   assignable to parameter of type '(a: bigint, b: bigint) => number'.
//   Type 'bigint' is not assignable to type 'number'.
// --8<-- [end:bigint]

export { ledgerLine, rename, seatsByRole, send };
