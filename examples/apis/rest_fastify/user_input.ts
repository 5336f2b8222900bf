/**
 * Untrusted input at the edge: JSON Schemas for Ajv, and TypeScript that
 * narrows what Ajv cannot say (a trim before the length rules, canonical
 * integers, signed cursors) from `unknown` to the types the routes use.
 *
 * The rules are those of examples/apis/rest/users_app.py's pydantic models,
 * checked in pydantic's order; the contract suite holds both apps to them.
 */
import type { FastifyRequest, FastifySchemaValidationError } from "fastify";
import type { CursorCodec } from "./cursors.js";
import { MAX_ID } from "./cursors.js";
import type { InvalidInput } from "./problem_details.js";
import { InvalidRequest, jsonPointer } from "./problem_details.js";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

// --8<-- [start:checked]
/** The result of checking one input: its value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: InvalidInput[] };

/** Every mistake of the failed checks, as one 400 or 422. */
export function invalid(...checks: Checked<unknown>[]): InvalidRequest {
  return new InvalidRequest(checks.flatMap((check) => (check.ok ? [] : check.errors)));
}
// --8<-- [end:checked]

// --8<-- [start:parameters]
// Plain digits only: "01", "+1", " 1" and "1_0" are not ids (Number() would take three of them).
const CANONICAL = /^[1-9][0-9]*$/;

/** A positive integer up to `max`, written the one way an integer has. */
function wholeNumber(raw: unknown, parameter: string, max: bigint): Checked<bigint> {
  if (typeof raw === "string" && CANONICAL.test(raw) && BigInt(raw) <= max) {
    return { ok: true, value: BigInt(raw) };
  }
  return { ok: false, errors: [{ detail: `must be a whole number from 1 to ${max}`, parameter }] };
}

/** The id in /users/{user_id}, as a bigint: 2**63 - 1 does not fit in a double. */
export function userIdOf(request: FastifyRequest<{ Params: { user_id: string } }>): Checked<bigint> {
  return wholeNumber(request.params.user_id, "user_id", MAX_ID);
}

/** One query parameter; when it is repeated, the last value wins, as in Starlette. */
function queryValue(request: FastifyRequest, name: string): unknown {
  const query: unknown = request.query;
  if (typeof query !== "object" || query === null || !Object.hasOwn(query, name)) {
    return undefined;
  }
  const value: unknown = (query as Record<string, unknown>)[name];
  return Array.isArray(value) ? value.at(-1) : value;
}

export function limitOf(request: FastifyRequest): Checked<number> {
  const raw = queryValue(request, "limit");
  if (raw === undefined) {
    return { ok: true, value: DEFAULT_LIMIT };
  }
  const checked = wholeNumber(raw, "limit", BigInt(MAX_LIMIT));
  return checked.ok ? { ok: true, value: Number(checked.value) } : checked;
}

/** The id a page starts after: 0 for the first page, else the id in a cursor we signed. */
export function afterOf(request: FastifyRequest, cursors: CursorCodec): Checked<bigint> {
  const raw = queryValue(request, "after");
  if (raw === undefined) {
    return { ok: true, value: 0n };
  }
  const id = typeof raw === "string" ? cursors.decode(raw) : undefined;
  if (id === undefined) {
    return { ok: false, errors: [{ detail: "is not a cursor this API issued", parameter: "after" }] };
  }
  return { ok: true, value: id };
}
// --8<-- [end:parameters]

// --8<-- [start:schemas]
/** One rule a field must pass: a complete JSON Schema, and the app's words when it fails. */
interface Rule {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly detail?: string; // none: Ajv's own message
}

// Control characters (Unicode category Cc): U+0000-U+001F and U+007F-U+009F.
const CC = "\\u0000-\\u001f\\u007f-\\u009f";
// What Python's str.isspace() calls whitespace: the email shape's \s in users_app.py.
const PY_SPACE = "\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const NOT_AT = `[^@${PY_SPACE}]+`;

const NOT_NULL: Rule = { schema: { not: { type: "null" } }, detail: "may be left out, but cannot be null" };
const STRING: Rule = { schema: { type: "string" } };
// Ajv compiles patterns with the u flag, so this class matches lone surrogates only.
const UNICODE: Rule = { schema: { type: "string", pattern: "^[^\\ud800-\\udfff]*$" }, detail: "must be valid Unicode text" };
// minLength and maxLength count code points, as Python's len() does, not UTF-16 units.
const length = (limits: { minLength?: number; maxLength: number }): Rule => ({ schema: { type: "string", ...limits } });
const NO_CONTROL: Rule = { schema: { type: "string", pattern: `^[^${CC}]*$` }, detail: "must not contain control characters" };
const EMAIL_SHAPE: Rule = {
  schema: { type: "string", pattern: `^${NOT_AT}@${NOT_AT}\\.${NOT_AT}$` },
  detail: "must look like name@example.com",
};

// Checked in pydantic's order; a field reports the first rule it fails, as pydantic does.
const NAME = [STRING, UNICODE, length({ minLength: 1, maxLength: 100 }), NO_CONTROL];
const EMAIL = [STRING, UNICODE, length({ maxLength: 254 }), NO_CONTROL, EMAIL_SHAPE];

/** A JSON object schema whose fields are lists of rules; `rules` maps Ajv's errors back. */
export interface BodySchema {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly rules: Readonly<Record<string, readonly Rule[]>>;
}

function objectOf(rules: Record<string, readonly Rule[]>, required: readonly string[]): BodySchema {
  const properties = Object.fromEntries(
    Object.entries(rules).map(([name, list]) => [name, { allOf: list.map((rule) => rule.schema) }]),
  );
  // An unknown member (a typo, or an `id` the client hopes to set) is an error.
  return { schema: { type: "object", properties, required, additionalProperties: false }, rules };
}

/** POST and PUT: a whole user, every field required. */
export const USER_IN = objectOf({ name: NAME, email: EMAIL }, ["name", "email"]);
/** PATCH, a JSON merge patch: absent members stay; null would mean "remove", which a user cannot. */
export const USER_PATCH = objectOf({ name: [NOT_NULL, ...NAME], email: [NOT_NULL, ...EMAIL] }, []);

const USER = {
  type: "object",
  properties: { id: { type: "integer" }, name: { type: "string" }, email: { type: "string" } },
  required: ["id", "name", "email"],
} as const;
/** Response schemas serialize only the members they name, in their order (FastAPI: response_model). */
export const USER_OUT = { 200: USER, 201: USER } as const;
export const USER_PAGE = {
  200: {
    type: "object",
    properties: { items: { type: "array", items: USER }, next: { type: ["string", "null"] } },
    required: ["items", "next"],
  },
} as const;
// --8<-- [end:schemas]

export interface UserIn {
  name: string;
  email: string;
}
export type UserPatch = Partial<UserIn>;

// --8<-- [start:trim]
// What pydantic's strip_whitespace removes: Unicode White_Space, which is not
// JavaScript's trim() set (that one keeps U+0085 and removes U+FEFF).
const SPACE = "[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
const EDGE_SPACE = new RegExp(`^${SPACE}|${SPACE}$`, "g");

// With the u flag, a surrogate range matches only surrogates that are not half of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A preValidation step: trim the string fields first, since Ajv checks but never transforms. */
export function trimFields(body: unknown, schema: BodySchema): unknown {
  if (!isRecord(body)) {
    return body;
  }
  const trimmed: Record<string, unknown> = { ...body };
  for (const field of Object.keys(schema.rules)) {
    const value = trimmed[field];
    if (typeof value === "string") {
      trimmed[field] = value.replace(EDGE_SPACE, "");
    }
  }
  return trimmed;
}
// --8<-- [end:trim]

// --8<-- [start:body]
/** The body Ajv checked, or its mistakes: one per field in field order, then unknown members. */
export function bodyOf<T>(request: FastifyRequest, { rules }: BodySchema): Checked<T> {
  const failure = request.validationError;
  if (failure === undefined) {
    return { ok: true, value: request.body as T }; // the seam: the schema vouches for the type
  }
  const body = request.body;
  if (!isRecord(body) || Object.keys(body).some((key) => LONE_SURROGATE.test(key))) {
    // Not an object (or no body at all): one mistake, about the whole document.
    const detail = body === undefined ? "a JSON body is required" : isRecord(body) ? "member names must be valid Unicode text" : "must be an object";
    return { ok: false, errors: [{ detail, pointer: "#" }] };
  }
  const fields = Object.keys(rules);
  const first = new Map<string, { rank: number; detail: string }>();
  for (const error of failure.validation as FastifySchemaValidationError[]) {
    const [member, rank, detail] = explain(error, rules);
    const seen = first.get(member);
    if (seen === undefined || rank < seen.rank) {
      first.set(member, { rank, detail });
    }
  }
  const order = (member: string) => (fields.includes(member) ? fields.indexOf(member) : fields.length);
  const members = [...first.keys()].sort((a, b) => order(a) - order(b)); // stable: extras keep body order
  return { ok: false, errors: members.map((member) => ({ detail: first.get(member)!.detail, pointer: jsonPointer([member]) })) };
}

/** Which member an Ajv error is about, the rank of the rule it broke, and what to tell the client. */
function explain(error: FastifySchemaValidationError, rules: BodySchema["rules"]): [string, number, string] {
  const { missingProperty, additionalProperty } = error.params;
  if (typeof missingProperty === "string") {
    return [missingProperty, -1, error.message ?? "is required"];
  }
  if (typeof additionalProperty === "string") {
    return [additionalProperty, -1, error.message ?? "is not allowed"];
  }
  // "#/properties/email/allOf/3/pattern": rule 3 of email's rules.
  const [, member = "", index = "0"] = /^#\/properties\/([^/]+)\/allOf\/(\d+)\//.exec(error.schemaPath) ?? [];
  const rank = Number(index);
  return [member, rank, rules[member]?.[rank]?.detail ?? error.message ?? "is invalid"];
}
// --8<-- [end:body]
