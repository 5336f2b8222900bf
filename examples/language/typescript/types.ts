/**
 * TypeScript types for backend code: shapes, generics, derived types and a
 * Result instead of a hidden throw.
 */
import { err, ok, type Result } from "./result.js";

// --8<-- [start:shapes]
// An interface names an object shape, and other interfaces extend it.
interface User {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

interface Admin extends User {
  permissions: readonly string[];
}

// A type alias names any type: a union, a tuple, an intersection, a function.
type Role = "viewer" | "editor" | "owner";
type Member = User & { role: Role };
type Handler = (member: Member) => string;

// Two interfaces with one name merge: this is how a library lets you add
// fields to its types (Fastify's FastifyRequest, Express's Request).
interface RequestContext {
  requestId: string;
}
interface RequestContext {
  userId?: string;
}

const ctx: RequestContext = { requestId: "req_1", userId: "u_7" };
const ada: Admin = {
  id: "u_7",
  email: "ada@example.com",
  name: "Ada",
  createdAt: new Date("2024-01-02T03:04:05Z"),
  permissions: ["billing:read"],
};
const greet: Handler = (member) => `${member.name} (${member.role})`;
console.log(ctx, greet({ ...ada, role: "owner" }));
//> { requestId: 'req_1', userId: 'u_7' } Ada (owner)
// --8<-- [end:shapes]

// --8<-- [start:generics]
// K must be a key of T, and the map's keys have the type of that field.
function indexBy<T, K extends keyof T>(items: readonly T[], key: K): Map<T[K], T> {
  return new Map(items.map((item) => [item[key], item]));
}

// T must have an updatedAt, and the caller gets its own type back, not just
// { updatedAt: Date }.
function newest<T extends { updatedAt: Date }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (best === undefined || item.updatedAt > best.updatedAt) {
      best = item;
    }
  }
  return best;
}

const orders = [
  { id: 101, status: "paid", updatedAt: new Date("2024-05-01") },
  { id: 102, status: "shipped", updatedAt: new Date("2024-05-03") },
];
console.log(indexBy(orders, "id").get(102)?.status, newest(orders)?.id);
//> shipped 102
// --8<-- [end:generics]

// --8<-- [start:utility]
type NewUser = Omit<User, "id" | "createdAt">; // a POST body: the server sets the rest
type UserPatch = Partial<Pick<User, "email" | "name">>; // a PATCH body: any subset
type PublicUser = Readonly<Pick<User, "id" | "name">>; // what other users may see

// Record over a union of keys: forget one role and the object does not compile.
const seatsByRole: Record<Role, number> = { viewer: 50, editor: 10, owner: 1 };

function create(body: NewUser, id: string, now: Date): User {
  return { ...body, id, createdAt: now };
}

function applyPatch(user: User, patch: UserPatch): User {
  return { ...user, ...patch };
}

function toPublic(user: User): PublicUser {
  return { id: user.id, name: user.name };
}

const created = create({ email: "alan@example.com", name: "Alan" }, "u_8", new Date(0));
console.log(toPublic(applyPatch(created, { name: "Alan T." })), seatsByRole.editor);
//> { id: 'u_8', name: 'Alan T.' } 10
// --8<-- [end:utility]

// --8<-- [start:result]
function parsePort(text: string): Result<number, string> {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return err(`PORT must be an integer from 1 to 65535, got ${JSON.stringify(text)}`);
  }
  return ok(port);
}

for (const text of ["8080", "80.5", ""]) {
  const port = parsePort(text);
  // `port.value` does not compile until `port.ok` has been checked.
  console.log(port.ok ? `listening on ${port.value}` : `config error: ${port.error}`);
  //> listening on 8080
  //> config error: PORT must be an integer from 1 to 65535, got "80.5"
  //> config error: PORT must be an integer from 1 to 65535, got ""
}
// --8<-- [end:result]
