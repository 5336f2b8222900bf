/**
 * A walk through the Fastify users API, printing real responses.
 *
 * app.inject() sends a request through the whole Fastify stack in-process (no
 * port), as FastAPI's TestClient does. The cursor key is random on every run;
 * no key belongs in code.
 */
import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import { ProblemError } from "./problem_details.js";
import { UsersStore } from "./users_store.js";
import type { User } from "./users_store.js";
import { allowAnyoneDemoOnly, buildApp } from "./users_app.js";

// --8<-- [start:defaults]
// Fastify's defaults, with schemas that look strict:
const naive = Fastify();
const strictLooking = {
  type: "object",
  properties: { name: { type: "string" }, email: { type: "string" } },
  required: ["name", "email"],
  additionalProperties: false,
};
const byId = { type: "object", properties: { id: { type: "integer" } } };
naive.post("/users", { schema: { body: strictLooking } }, async (request) => request.body);
naive.put("/users/:id", { schema: { params: byId, body: strictLooking } }, async () => "replaced");

const lenient = await naive.inject({
  method: "POST",
  url: "/users",
  payload: { name: 5, email: "ada@example.com", role: "admin" },
});
console.log(lenient.statusCode, lenient.headers["content-type"], lenient.json());
//> 200 application/json; charset=utf-8 { name: '5', email: 'ada@example.com' }
const firstOnly = await naive.inject({ method: "PUT", url: "/users/abc", payload: {} });
console.log(firstOnly.statusCode, firstOnly.json().message);
//> 400 params/id must be integer
const json = { "content-type": "application/json" };
const empty = await naive.inject({ method: "POST", url: "/users", headers: json });
console.log(empty.statusCode, empty.json().code);
//> 400 FST_ERR_CTP_EMPTY_JSON_BODY
const noSuchMethod = await naive.inject({ method: "DELETE", url: "/users" });
console.log(noSuchMethod.statusCode, noSuchMethod.headers["allow"]);
//> 404 undefined
// --8<-- [end:defaults]

// --8<-- [start:javascript]
const maxId = Number("9223372036854775807"); // 2**63 - 1 as a double
const emoji = "\u{1F600}"; // one code point, two UTF-16 units
const trimmed = "\ufeffAda\u0085".trim(); // removes U+FEFF, keeps U+0085 (NEL)
console.log(maxId, emoji.length, trimmed.length, trimmed.endsWith("\u0085"));
//> 9223372036854776000 2 4 true
// --8<-- [end:javascript]

const app = buildApp({ authorize: allowAnyoneDemoOnly, cursorKey: randomBytes(32) });

// --8<-- [start:create_then_fetch]
const ada = { name: "Ada", email: "ada@example.com" };
const created = await app.inject({ method: "POST", url: "/users", payload: ada });
console.log(created.statusCode, created.headers["location"], created.headers["content-type"]);
//> 201 http://localhost:80/users/1 application/json
const fetched = await app.inject({ method: "GET", url: "/users/1" });
console.log(fetched.statusCode, fetched.json());
//> 200 { id: 1, name: 'Ada', email: 'ada@example.com' }
// --8<-- [end:create_then_fetch]

// --8<-- [start:errors]
const wrong = { name: " ", email: "grace", id: 7 };
const invalid = await app.inject({ method: "POST", url: "/users", payload: wrong });
console.log(invalid.statusCode, invalid.headers["content-type"]);
//> 422 application/problem+json
console.log(invalid.json());
//> {
//>   type: 'https://api.example.com/problems/validation-error',
//>   title: 'Invalid request',
//>   status: 422,
//>   detail: 'One or more inputs are invalid; see errors.',
//>   instance: '/users',
//>   errors: [
//>     {
//>       detail: 'must NOT have fewer than 1 characters',
//>       pointer: '#/name'
//>     },
//>     { detail: 'must look like name@example.com', pointer: '#/email' },
//>     { detail: 'must NOT have additional properties', pointer: '#/id' }
//>   ]
//> }

const both = await app.inject({ method: "PUT", url: "/users/abc", payload: { name: "Ada" } });
console.log(both.statusCode, both.json().errors);
//> 400 [
//>   {
//>     detail: 'must be a whole number from 1 to 9223372036854775807',
//>     parameter: 'user_id'
//>   },
//>   { detail: "must have required property 'email'", pointer: '#/email' }
//> ]

const wrongMethod = await app.inject({ method: "DELETE", url: "/users" });
console.log(wrongMethod.statusCode, wrongMethod.headers["allow"]);
//> 405 GET, HEAD, POST
// --8<-- [end:errors]

// --8<-- [start:encapsulation]
// An authorize hook that refuses everyone, registered inside the users plugin.
const closed = buildApp({
  authorize: () => {
    throw new ProblemError(403, null, "Forbidden", "Nobody may use this API.");
  },
  cursorKey: randomBytes(32),
});
for (const url of ["/users", "/users/1", "/accounts"]) {
  const reply = await closed.inject({ method: "GET", url });
  console.log(url, reply.statusCode, reply.json().title);
  //> /users 403 Forbidden
  //> /users/1 403 Forbidden
  //> /accounts 404 Not Found
}
// onRequest runs before the body is read: a stranger's broken JSON is a 403, not a 400.
const headers = { "content-type": "application/json" };
const stranger = await closed.inject({ method: "POST", url: "/users", body: "{", headers });
console.log(stranger.statusCode);
//> 403
// --8<-- [end:encapsulation]

// --8<-- [start:crash]
class BrokenStore extends UsersStore {
  override add(): User {
    throw new Error("disk full writing /var/lib/users/users.db");
  }
}
const store = new BrokenStore();
const broken = buildApp({ authorize: allowAnyoneDemoOnly, cursorKey: randomBytes(32), store });
const crash = await broken.inject({ method: "POST", url: "/users", payload: ada });
console.log(crash.statusCode, crash.json().detail);
//> 500 The server failed to handle this request; it has been logged.
// --8<-- [end:crash]

await Promise.all([naive.close(), app.close(), closed.close(), broken.close()]);
