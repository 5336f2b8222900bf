/**
 * Untrusted input at the edge: JSON Schemas for Ajv, and TypeScript that
 * narrows what Ajv cannot say (trim before the length rules, one spelling
 * per integer, signed cursors) from `unknown` to the types routes use.
 *
 * The rules are those of the pydantic models in examples/apis/rest/users_app.py,
 * checked in pydantic's order; tests/apis/contract/ holds both apps to them.
 */
import type { FastifyRequest, FastifySchemaValidationError } from "fastify";
import { MAX_ID } from "./cursors.js";
import type { CursorCodec } from "./cursors.js";
import { InvalidRequest, jsonPointer } from "./problem_details.js";
import type { InvalidInput } from "./problem_details.js";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

// --8<-- [start:checked]
/** One input, checked: its value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: InvalidInput[] };

/** Every mistake of the checks that failed, as one 400 or 422. */
export function invalid(...checks: Checked<unknown>[]): InvalidRequest {
  return new InvalidRequest(checks.flatMap((check) => (check.ok ? [] : check.errors)));
}
// --8<-- [end:checked]

// --8<-- [start:parameters]
// Digits only, no leading zero: "01", "+1", " 1", "1_0" and "1.0" are not ids.
const CANONICAL = /^[1-9][0-9]*$/;

/** A whole number from 1 to `max`, written the one way it can be; a bigint. */
function wholeNumber(raw: unknown, parameter: string, max: bigint): Checked<bigint> {
  if (typeof raw === "string" && CANONICAL.test(raw) && BigInt(raw) <= max) {
    return { ok: true, value: BigInt(raw) };
  }
  const detail = `must be a whole number from 1 to ${max}`;
  return { ok: false, errors: [{ detail, parameter }] };
}

/** The id in /users/{user_id}. A bigint: 2**63 - 1 does not fit in a double. */
export type ById = { Params: { user_id: string } };

export function userIdOf(request: FastifyRequest<ById>): Checked<bigint> {
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
  const limit = wholeNumber(raw, "limit", BigInt(MAX_LIMIT));
  return limit.ok ? { ok: true, value: Number(limit.value) } : limit;
}

/** The id a page starts after: 0 for the first page, else the id in a cursor we signed. */
export function afterOf(request: FastifyRequest, cursors: CursorCodec): Checked<bigint> {
  const raw = queryValue(request, "after");
  if (raw === undefined) {
    return { ok: true, value: 0n };
  }
  const id = typeof raw === "string" ? cursors.decode(raw) : undefined;
  if (id === undefined) {
    const detail = "is not a cursor this API issued";
    return { ok: false, errors: [{ detail, parameter: "after" }] };
  }
  return { ok: true, value: id };
}
// --8<-- [end:parameters]

// --8<-- [start:schemas]
/** One rule a field must pass: a complete JSON Schema, and the app's words if it fails. */
interface Rule {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly detail?: string; // none: Ajv's own message
}

// Control characters (Unicode category Cc): U+0000-U+001F and U+007F-U+009F.
const CC = "\\u0000-\\u001f\\u007f-\\u009f";
// What Python's str.isspace() calls whitespace: the \s of users_app.py's email shape.
const PY_SPACE =
  "\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0" +
  "\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PART = `[^@${PY_SPACE}]+`;

const NOT_NULL: Rule = {
  schema: { not: { type: "null" } },
  detail: "may be left out, but cannot be null",
};
const STRING: Rule = { schema: { type: "string" } };
const UNICODE: Rule = {
  // Ajv compiles patterns with the u flag: this class matches lone surrogates only.
  schema: { type: "string", pattern: "^[^\\ud800-\\udfff]*$" },
  detail: "must be valid Unicode text",
};
// minLength and maxLength count code points, as Python's len() does, not UTF-16 units.
function length(limits: { minLength?: number; maxLength: number }): Rule {
  return { schema: { type: "string", ...limits } };
}
const NO_CONTROL: Rule = {
  schema: { type: "string", pattern: `^[^${CC}]*$` },
  detail: "must not contain control characters",
};
const EMAIL_SHAPE: Rule = {
  schema: { type: "string", pattern: `^${PART}@${PART}\\.${PART}$` },
  detail: "must look like name@example.com",
};

// In pydantic's order: a field reports the first rule it breaks, as pydantic does.
const NAME = [STRING, UNICODE, length({ minLength: 1, maxLength: 100 }), NO_CONTROL];
const EMAIL = [STRING, UNICODE, length({ maxLength: 254 }), NO_CONTROL, EMAIL_SHAPE];

/** An object schema for Ajv, and the rules of each field to explain Ajv's errors with. */
export interface BodySchema {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly rules: Readonly<Record<string, readonly Rule[]>>;
}

function objectOf(rules: Record<string, readonly Rule[]>, required: string[]): BodySchema {
  const properties = Object.fromEntries(
    Object.entries(rules).map(([name, list]) => [name, { allOf: list.map((rule) => rule.schema) }]),
  );
  // An unknown member (a typo, or an `id` the client hopes to set) is an error.
  const schema = { type: "object", properties, required, additionalProperties: false };
  return { schema, rules };
}

/** POST and PUT: a whole user, every field required. */
export const USER_IN = objectOf({ name: NAME, email: EMAIL }, ["name", "email"]);
/** PATCH, a JSON merge patch: absent members stay; null would mean "remove". */
export const USER_PATCH = objectOf({ name: [NOT_NULL, ...NAME], email: [NOT_NULL, ...EMAIL] }, []);

const USER = {
  type: "object",
  properties: { id: { type: "integer" }, name: { type: "string" }, email: { type: "string" } },
  required: ["id", "name", "email"],
} as const;
/** Response schemas write only the members they name, in their order (FastAPI: response_model). */
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
// What pydantic's strip_whitespace removes: Unicode White_Space. Not the set of
// JavaScript's trim(), which keeps U+0085 (NEL) and removes U+FEFF.
const SPACE =
  "[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
const EDGE_SPACE = new RegExp(`^${SPACE}|${SPACE}$`, "g");

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Trim the string fields before Ajv sees them: Ajv checks, but never transforms. */
export function trimFields(body: unknown, { rules }: BodySchema): unknown {
  if (!isRecord(body)) {
    return body;
  }
  const trimmed: Record<string, unknown> = { ...body };
  for (const field of Object.keys(rules)) {
    const value = trimmed[field];
    if (typeof value === "string") {
      trimmed[field] = value.replace(EDGE_SPACE, "");
    }
  }
  return trimmed;
}
// --8<-- [end:trim]

// With the u flag, a surrogate range matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

// --8<-- [start:body]
/** The body Ajv accepted, or its mistakes: one per field, in field order, then extras. */
export function bodyOf<T>(request: FastifyRequest, { rules }: BodySchema): Checked<T> {
  const failure = request.validationError; // set instead of thrown: attachValidation
  if (failure === undefined) {
    return { ok: true, value: request.body as T }; // the seam: the schema vouches for T
  }
  const body = request.body;
  if (!isRecord(body) || Object.keys(body).some((key) => LONE_SURROGATE.test(key))) {
    const detail = body === undefined ? "a JSON body is required" : "must be a JSON object";
    return { ok: false, errors: [{ detail, pointer: "#" }] }; // one mistake: the document
  }
  const first = new Map<string, { rank: number; detail: string }>();
  for (const error of failure.validation as FastifySchemaValidationError[]) {
    const [member, rank, detail] = explain(error, rules);
    const seen = first.get(member);
    if (seen === undefined || rank < seen.rank) {
      first.set(member, { rank, detail });
    }
  }
  const fields = Object.keys(rules);
  const place = (member: string): number => {
    const index = fields.indexOf(member);
    return index === -1 ? fields.length : index;
  };
  // A stable sort: the fields in the model's order, then unknown members in the body's.
  const members = [...first.keys()].sort((a, b) => place(a) - place(b));
  const errors = members.map((member) => ({
    detail: first.get(member)?.detail ?? "is invalid",
    pointer: jsonPointer([member]),
  }));
  return { ok: false, errors };
}

/** The member an Ajv error is about, the rank of the rule it broke, and what to say. */
function explain(
  error: FastifySchemaValidationError,
  rules: BodySchema["rules"],
): [member: string, rank: number, detail: string] {
  const { missingProperty, additionalProperty } = error.params;
  if (typeof missingProperty === "string") {
    return [missingProperty, -1, error.message ?? "is required"];
  }
  if (typeof additionalProperty === "string") {
    return [additionalProperty, -1, error.message ?? "is not allowed"];
  }
  // "#/properties/email/allOf/3/pattern" is rule 3 of email's rules.
  const rule = /^#\/properties\/([^/]+)\/allOf\/(\d+)\//.exec(error.schemaPath);
  const [, member = "", index = "0"] = rule ?? [];
  const rank = Number(index);
  return [member, rank, rules[member]?.[rank]?.detail ?? error.message ?? "is invalid"];
}
// --8<-- [end:body]
