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
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import type { FastifyServerOptions } from "fastify";
import { CursorCodec } from "./cursors.js";
import { jsonBody } from "./json_body.js";
import { ProblemError, installProblemHandlers, onBadUrl, origin } from "./problem_details.js";
import { EmailTakenError, UsersStore } from "./users_store.js";
import type { User } from "./users_store.js";
import { USER_IN, USER_OUT, USER_PAGE, USER_PATCH } from "./user_input.js";
import { afterOf, bodyOf, invalid, limitOf, userIdOf } from "./user_input.js";
import type { ById, UserIn, UserPatch } from "./user_input.js";

export interface UsersAppOptions {
  /** Runs before every users route; throw a ProblemError (401, 403) to refuse. No default. */
  readonly authorize: (request: FastifyRequest) => void | Promise<void>;
  /** Signs page cursors. Without it: HANDBOOK_USERS_CURSOR_KEY, and no key stops the app. */
  readonly cursorKey?: Buffer;
  readonly store?: UsersStore;
  readonly logger?: FastifyServerOptions["logger"];
}

/** An `authorize` that lets every request through: demos and tests only. */
export function allowAnyoneDemoOnly(): void {}

// --8<-- [start:build_app]
export function buildApp(options: UsersAppOptions): FastifyInstance {
  const { cursorKey } = options;
  const cursors = cursorKey ? new CursorCodec(cursorKey) : CursorCodec.fromEnvironment();
  const app: FastifyInstance = Fastify({
    // Fastify's defaults drop unknown members and turn 5 into "5"; the contract
    // refuses both, and lists every mistake, not the first one.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    // As long as any URL Node accepts: a 101-digit id is a 400, not a miss.
    routerOptions: { maxParamLength: 16 * 1024 },
    frameworkErrors: onBadUrl(() => app),
    logger: options.logger ?? false,
  });
  installProblemHandlers(app);
  // Every body arrives as bytes; jsonBody decides what they are, as FastAPI does.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  const store = options.store ?? new UsersStore();
  void app.register(usersRoutes, { store, cursors, authorize: options.authorize });
  return app;
}
// --8<-- [end:build_app]

interface RouteDeps {
  readonly store: UsersStore;
  readonly cursors: CursorCodec;
  readonly authorize: UsersAppOptions["authorize"];
}

// One path segment: "/users/" and "/users/1%2F2" match no route, as in Starlette.
const BY_ID = "/users/:user_id([^/]+)";
const JSON_BODY = {
  config: { accepts: "application/json" },
  attachValidation: true, // Ajv's errors go to bodyOf, to be listed with the id's
  preValidation: jsonBody(USER_IN),
};
const MERGE_PATCH_BODY = {
  config: { accepts: "application/merge-patch+json" }, // RFC 7396
  attachValidation: true,
  preValidation: jsonBody(USER_PATCH),
};

function userNotFound(userId: bigint): ProblemError {
  const detail = `There is no user with id ${userId}.`;
  return new ProblemError(404, "user-not-found", "User not found", detail);
}

/** The body does not repeat the address: error bodies end up in logs and tickets. */
function emailTaken(): ProblemError {
  const detail = "Another user already has this email address.";
  return new ProblemError(409, "email-taken", "Email already in use", detail);
}

/** The store's key for a valid id; past 2**53 no user can exist in memory. */
function storeId(userId: bigint): number {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  return userId <= max ? Number(userId) : Number.MAX_SAFE_INTEGER + 1;
}

const usersRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store, cursors, authorize }) => {
  // --8<-- [start:authorize]
  // A hook added in this plugin runs for its routes only (encapsulation), as
  // FastAPI's dependencies=[Depends(authorize)] does for the routes it covers.
  app.addHook("onRequest", async (request) => {
    await authorize(request);
  });
  // --8<-- [end:authorize]

  // --8<-- [start:create_user]
  const createSchema = { body: USER_IN.schema, response: USER_OUT };
  app.post("/users", { ...JSON_BODY, schema: createSchema }, async (request, reply) => {
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
    reply.code(201).header("location", `${origin(request)}/users/${created.id}`);
    return created;
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
    const after = afterOf(request, cursors); // read once the limit is good, as FastAPI does
    if (!after.ok) {
      throw invalid(after);
    }
    // One extra row says whether a next page exists, without a count.
    const rows = store.listAfter(storeId(after.value), limit.value + 1);
    const page = rows.slice(0, limit.value);
    const last = page.at(-1);
    if (rows.length <= limit.value || last === undefined) {
      return { items: page, next: null };
    }
    const next = `${origin(request)}/users?limit=${limit.value}&after=${cursors.encode(last.id)}`;
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

  const replaceSchema = { body: USER_IN.schema, response: USER_OUT };
  app.put<ById>(BY_ID, { ...JSON_BODY, schema: replaceSchema }, async (request) => {
    const userId = userIdOf(request);
    const user = bodyOf<UserIn>(request, USER_IN);
    if (!userId.ok || !user.ok) {
      throw invalid(userId, user); // a bad id and a bad body: one 400 listing both
    }
    return save(userId.value, user.value); // both narrowed to their ok branch
  });

  const patchSchema = { body: USER_PATCH.schema, response: USER_OUT };
  app.patch<ById>(BY_ID, { ...MERGE_PATCH_BODY, schema: patchSchema }, async (request) => {
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
