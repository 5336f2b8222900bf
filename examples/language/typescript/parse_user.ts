/**
 * Validate an untrusted JSON body at the edge, with a hand-written guard that
 * says which field is wrong and why.
 *
 * The result is a new object holding only the known fields, so an extra key
 * such as "isAdmin" in the body never reaches the rest of the service.
 */
import { err, ok, type Result } from "./result.js";

// --8<-- [start:types]
export const ROLES = ["viewer", "editor", "owner"] as const;
export type Role = (typeof ROLES)[number]; // "viewer" | "editor" | "owner"

export interface User {
  id: string; // a 64-bit database id, kept as a string of digits
  email: string;
  roles: Role[];
  age?: number; // absent, never undefined (exactOptionalPropertyTypes)
}

export interface Issue {
  path: string; // "roles[1]", or "body" for the whole value
  message: string;
}

export const MAX_ID = 2n ** 63n - 1n; // PostgreSQL's bigint maximum
export const MAX_EMAIL_LENGTH = 254;
// --8<-- [end:types]

// --8<-- [start:readers]
type Reader<T> = (value: unknown, path: string, issues: Issue[]) => T | undefined;

function reject(issues: Issue[], path: string, expected: string, value: unknown) {
  issues.push({ path, message: `expected ${expected}, got ${describe(value)}` });
  return undefined;
}

const readId: Reader<string> = (value, path, issues) => {
  if (typeof value !== "string" || !/^[1-9][0-9]*$/.test(value)) {
    return reject(issues, path, "a string of digits", value);
  }
  // The length test first: no BigInt of a megabyte of digits.
  if (value.length > 19 || BigInt(value) > MAX_ID) {
    return reject(issues, path, `at most ${MAX_ID}`, value);
  }
  return value;
};

const readEmail: Reader<string> = (value, path, issues) => {
  const at = typeof value === "string" ? value.indexOf("@") : -1;
  if (
    typeof value !== "string" ||
    value.length > MAX_EMAIL_LENGTH ||
    at < 1 ||
    at !== value.lastIndexOf("@") ||
    at === value.length - 1
  ) {
    return reject(issues, path, "an email address", value);
  }
  return value;
};

const readAge: Reader<number> = (value, path, issues) => {
  const inRange = typeof value === "number" && value >= 0 && value <= 150;
  if (!inRange || !Number.isInteger(value)) {
    return reject(issues, path, "an integer from 0 to 150", value);
  }
  return value;
};

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

const readRoles: Reader<Role[]> = (value, path, issues) => {
  if (!Array.isArray(value)) {
    return reject(issues, path, "an array of roles", value);
  }
  const items: readonly unknown[] = value; // Array.isArray gives any[]: take it back
  const roles: Role[] = [];
  items.forEach((item, index) => {
    if (isRole(item)) {
      roles.push(item);
    } else {
      reject(issues, `${path}[${index}]`, `one of ${ROLES.join(", ")}`, item);
    }
  });
  return roles.length === items.length ? roles : undefined;
};
// --8<-- [end:readers]

// --8<-- [start:parse]
type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function required<T>(body: Body, key: string, read: Reader<T>, issues: Issue[]) {
  if (!Object.hasOwn(body, key)) {
    issues.push({ path: key, message: "is required" });
    return undefined;
  }
  return read(body[key], key, issues);
}

/** Every problem in the body, in field order; or a User holding only known fields. */
export function parseUser(input: unknown): Result<User, Issue[]> {
  if (!isRecord(input)) {
    const message = `expected a JSON object, got ${describe(input)}`;
    return err([{ path: "body", message }]);
  }
  const issues: Issue[] = [];
  const id = required(input, "id", readId, issues);
  const email = required(input, "email", readEmail, issues);
  const roles = required(input, "roles", readRoles, issues);
  const hasAge = Object.hasOwn(input, "age"); // optional: absent is fine
  const age = hasAge ? readAge(input["age"], "age", issues) : undefined;
  const complete = id !== undefined && email !== undefined && roles !== undefined;
  if (!complete || issues.length > 0) {
    return err(issues);
  }
  return ok({ id, email, roles, ...(age === undefined ? {} : { age }) });
}
// --8<-- [end:parse]

/** What the client sent, short enough for an error message. */
function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value);
  }
  const kind = Array.isArray(value) ? "array" : typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value); // a bigint, or an object that refers to itself
  }
  return `${kind} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}
