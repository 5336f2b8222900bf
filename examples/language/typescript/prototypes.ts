/**
 * Prototypes: how `class` works underneath, and how `this` gets lost.
 */
import { EventEmitter } from "node:events";

// --8<-- [start:chain]
class Repo {
  constructor(readonly table: string) {}

  find(id: string): string {
    return `${this.table}/${id} from the database`;
  }
}

class CachedRepo extends Repo {
  override find(id: string): string {
    return `cache miss, so ${super.find(id)}`;
  }
}

const users = new CachedRepo("users");

// A property lookup walks this chain until it finds the name or reaches null.
const chain = ["users"];
let link: object | null = Object.getPrototypeOf(users);
while (link !== null) {
  chain.push(`${link.constructor.name}.prototype`);
  link = Object.getPrototypeOf(link);
}
console.log(chain.join(" -> "), "-> null");
//> users -> CachedRepo.prototype -> Repo.prototype -> Object.prototype -> null

// Fields live on the instance; methods live once, on the prototype.
console.log(Object.keys(users), Object.hasOwn(users, "find"));
//> [ 'table' ] false
console.log(Object.getOwnPropertyNames(Repo.prototype));
//> [ 'constructor', 'find' ]
console.log(users.find === new CachedRepo("orders").find, typeof Repo);
//> true function
// --8<-- [end:chain]

// --8<-- [start:this]
class Mailer {
  sent = 0;

  send(to: string): string {
    this.sent += 1;
    return `mail #${this.sent} to ${to}`;
  }
}

const mailer = new Mailer();
console.log(mailer.send("ada@example.com"));
//> mail #1 to ada@example.com

// Taken off the object, the method is a plain function: `this` is undefined
// (class bodies are strict mode), so the first `this.sent` throws.
const send = mailer.send;
try {
  send("alan@example.com");
} catch (error) {
  console.log(String(error));
  //> TypeError: Cannot read properties of undefined (reading 'sent')
}

// Worse, a caller that sets `this` to something else: EventEmitter calls a
// listener with `this` set to the emitter. Nothing throws; the count is wrong.
const signups = new EventEmitter();
signups.on("signup", mailer.send);
signups.emit("signup", "grace@example.com");
const emitterAsMailer = signups as unknown as Mailer;
console.log("mailer.sent:", mailer.sent, "emitter.sent:", emitterAsMailer.sent);
//> mailer.sent: 1 emitter.sent: NaN
signups.removeAllListeners();
// --8<-- [end:this]

// --8<-- [start:fixes]
// Fix 1: an arrow function that calls the method on its object.
signups.on("signup", (to: string) => mailer.send(to));
// Fix 2: bind, which returns a new function with `this` fixed.
signups.on("signup", mailer.send.bind(mailer));
signups.emit("signup", "grace@example.com");
console.log("mailer.sent", mailer.sent);
//> mailer.sent 3

// Fix 3: an arrow-function field, bound once per instance. It costs one
// function per object, and it is not on the prototype, so a subclass
// cannot call it through super.
class BoundMailer {
  sent = 0;
  send = (to: string): string => `mail #${++this.sent} to ${to}`;
}
const bound = new BoundMailer();
const detached = bound.send;
console.log(detached("ada@example.com"), Object.hasOwn(bound, "send"));
//> mail #1 to ada@example.com true
// --8<-- [end:fixes]
