/**
 * The users API on Fastify, with the REST contract of examples/apis/rest/users_app.py:
 *
 *     POST   /users        create          201 + Location, 409 on a taken email
 *     GET    /users        list, by page   200 with `items` and a `next` link
 *     GET    /users/{id}   read            200, or 404 (HEAD too)
 *     PUT    /users/{id}   replace         200, 404 for an unknown id (never creates)
 *     PATCH  /users/{id}   merge patch     200, 404, 409
 *     DELETE /users/{id}   remove          204 with no body, or 404
 *
 * tests/apis/contract/ runs one suite against this app and the FastAPI one.
 * The store is in memory (users_store.ts). Access control is left out, as in
 * the Python app: buildApp takes an `authorize` hook with no default.
 */
import Fastify from "fastify";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, FastifyServerOptions } from "fastify";
import { CursorCodec } from "./cursors.js";
import { jsonBody } from "./json_body.js";
import { ProblemError, installProblemHandlers, onBadUrl, origin } from "./problem_details.js";
import { EmailTakenError, UsersStore } from "./users_store.js";
import type { User } from "./users_store.js";
import type { UserIn, UserPatch } from "./user_input.js";
import { USER_IN, USER_OUT, USER_PAGE, USER_PATCH, afterOf, bodyOf, invalid, limitOf, userIdOf } from "./user_input.js";

const JSON_TYPE = "application/json";
const MERGE_PATCH = "application/merge-patch+json"; // RFC 7396

export interface UsersAppOptions {
  /** Runs before every users route; throw a ProblemError (401, 403) to refuse. No default. */
  readonly authorize: (request: FastifyRequest) => void | Promise<void>;
  /** Signs page cursors; without it, HANDBOOK_USERS_CURSOR_KEY, and no key stops the app. */
  readonly cursorKey?: Buffer;
  readonly store?: UsersStore;
  readonly logger?: FastifyServerOptions["logger"];
}

/** An `authorize` that lets every request through: demos and tests only. */
export function allowAnyoneDemoOnly(): void {}

// --8<-- [start:build_app]
export function buildApp(options: UsersAppOptions): FastifyInstance {
  const cursors = options.cursorKey === undefined ? CursorCodec.fromEnvironment() : new CursorCodec(options.cursorKey);
  const app: FastifyInstance = Fastify({
    // Fastify's defaults drop unknown members and turn 5 into "5"; the contract
    // wants both refused, and every mistake listed, not only the first.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    routerOptions: { maxParamLength: 16 * 1024 }, // as long as a URL Node accepts: a long id is a 400, not a 404
    frameworkErrors: onBadUrl(() => app),
    logger: options.logger ?? false,
  });
  installProblemHandlers(app);
  // Every body arrives as bytes; jsonBody decides what they are, as FastAPI does.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  void app.register(usersRoutes, { store: options.store ?? new UsersStore(), cursors, authorize: options.authorize });
  return app;
}
// --8<-- [end:build_app]

interface RouteDeps {
  readonly store: UsersStore;
  readonly cursors: CursorCodec;
  readonly authorize: UsersAppOptions["authorize"];
}

type ById = { Params: { user_id: string } };
// One path segment: "/users/" and "/users/1%2F2" match no route, as in Starlette.
const BY_ID = "/users/:user_id([^/]+)";
const TAKES_JSON = { config: { accepts: JSON_TYPE }, attachValidation: true, preValidation: jsonBody(USER_IN) };
const TAKES_PATCH = { config: { accepts: MERGE_PATCH }, attachValidation: true, preValidation: jsonBody(USER_PATCH) };

function userNotFound(userId: bigint): ProblemError {
  return new ProblemError(404, "user-not-found", "User not found", `There is no user with id ${userId}.`);
}

/** The body does not repeat the address: error bodies end up in logs and tickets. */
function emailTaken(): ProblemError {
  return new ProblemError(409, "email-taken", "Email already in use", "Another user already has this email address.");
}

/** A store key for an id that passed validation; ids past 2**53 cannot exist in memory. */
function storeId(userId: bigint): number {
  return userId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(userId) : Number.MAX_SAFE_INTEGER + 1;
}

const usersRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store, cursors, authorize }) => {
  // --8<-- [start:authorize]
  // A hook added inside this plugin runs for its routes only (encapsulation),
  // as a FastAPI dependency runs for the routes that declare it.
  app.addHook("onRequest", async (request) => {
    await authorize(request);
  });
  // --8<-- [end:authorize]

  // --8<-- [start:create_user]
  app.post("/users", { ...TAKES_JSON, schema: { body: USER_IN.schema, response: USER_OUT } }, async (request, reply) => {
    const user = bodyOf<UserIn>(request, USER_IN);
    if (!user.ok) {
      throw invalid(user);
    }
    let created: User;
    try {
      created = store.add(user.value.name, user.value.email);
    } catch (error) {
      throw error instanceof EmailTakenError ? emailTaken() : error;
    }
    return reply.code(201).header("location", `${origin(request)}/users/${created.id}`).send(created);
  });
  // --8<-- [end:create_user]

  // --8<-- [start:get_user]
  app.get<ById>(BY_ID, { schema: { response: USER_OUT } }, async (request) => {
    const userId = userIdOf(request);
    if (!userId.ok) {
      throw invalid(userId);
    }
    // Narrowed: past the guard, userId.value is a bigint.
    const user = store.get(storeId(userId.value));
    if (user === undefined) {
      throw userNotFound(userId.value);
    }
    return user;
  });
  // --8<-- [end:get_user]

  // --8<-- [start:list_users]
  app.get("/users", { schema: { response: USER_PAGE } }, async (request) => {
    const limit = limitOf(request);
    if (!limit.ok) {
      throw invalid(limit);
    }
    const after = afterOf(request, cursors); // checked only once the limit is good, as in FastAPI
    if (!after.ok) {
      throw invalid(after);
    }
    // One extra row says whether a next page exists, without a count.
    const rows = store.listAfter(storeId(after.value), limit.value + 1);
    const page = rows.slice(0, limit.value);
    const last = page.at(-1);
    const next =
      rows.length > limit.value && last !== undefined
        ? `${origin(request)}/users?limit=${limit.value}&after=${cursors.encode(last.id)}`
        : null;
    return { items: page, next };
  });
  // --8<-- [end:list_users]

  // --8<-- [start:put_patch]
  function save(userId: bigint, changes: UserPatch): User {
    let user: User | undefined;
    try {
      user = store.update(storeId(userId), changes);
    } catch (error) {
      throw error instanceof EmailTakenError ? emailTaken() : error;
    }
    if (user === undefined) {
      throw userNotFound(userId);
    }
    return user;
  }

  app.put<ById>(BY_ID, { ...TAKES_JSON, schema: { body: USER_IN.schema, response: USER_OUT } }, async (request) => {
    const userId = userIdOf(request);
    const user = bodyOf<UserIn>(request, USER_IN);
    if (!userId.ok || !user.ok) {
      throw invalid(userId, user); // a bad id and a bad body: one 400 listing both
    }
    return save(userId.value, user.value);
  });

  app.patch<ById>(BY_ID, { ...TAKES_PATCH, schema: { body: USER_PATCH.schema, response: USER_OUT } }, async (request) => {
    const userId = userIdOf(request);
    const patch = bodyOf<UserPatch>(request, USER_PATCH);
    if (!userId.ok || !patch.ok) {
      throw invalid(userId, patch);
    }
    return save(userId.value, patch.value); // {} changes nothing: 200 and the user
  });
  // --8<-- [end:put_patch]

  // --8<-- [start:delete_user]
  app.delete<ById>(BY_ID, async (request, reply) => {
    const userId = userIdOf(request);
    if (!userId.ok) {
      throw invalid(userId);
    }
    if (!store.delete(storeId(userId.value))) {
      throw userNotFound(userId.value);
    }
    return reply.code(204).send();
  });
  // --8<-- [end:delete_user]
};
