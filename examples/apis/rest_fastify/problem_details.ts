/**
 * One error format for the Fastify users API: RFC 9457 problem details, with
 * the members, types and titles of examples/apis/rest/problem_details.py.
 *
 * `installProblemHandlers` routes every failure through `sendProblem`: the
 * app's own errors, Fastify's (a body too large, a Content-Type it cannot
 * read), routing misses (404, 405 with Allow, and the 307 that FastAPI's
 * router sends for a trailing slash) and crashes, which are logged, never shown.
 */
import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const PROBLEM_JSON = "application/problem+json";
export const PROBLEM_TYPES = "https://api.example.com/problems/";
// RFC 9110 renamed these; Node 20's STATUS_CODES still has the old phrases.
const RFC_9110_PHRASES: Readonly<Record<number, string>> = {
  413: "Content Too Large",
  414: "URI Too Long",
  416: "Range Not Satisfiable",
  422: "Unprocessable Content",
};

// --8<-- [start:problem]
/** One mistake and where it is: exactly one of pointer, parameter or header. */
export type InvalidInput = { detail: string } & (
  | { pointer: string } // a JSON Pointer into the body: "#/email"
  | { parameter: string } // a path or query parameter: "limit"
  | { header: string }
);

/** The body of every error response (RFC 9457). */
export interface Problem {
  type: string; // a URI clients switch on; "about:blank" means "see the status"
  title: string;
  status: number;
  detail: string;
  instance: string; // the request path, as the client sent it
  errors?: InvalidInput[]; // only for invalid input
}

/** Throw from a route or hook to answer with a problem. */
export class ProblemError extends Error {
  readonly type: string;

  constructor(
    readonly status: number,
    slug: string | null, // null: about:blank, titled by its status
    readonly title: string,
    detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.type = slug === null ? "about:blank" : PROBLEM_TYPES + slug;
  }
}

/** Invalid input: 422 if every mistake is in the JSON body, else 400 (RFC 9110). */
export class InvalidRequest extends Error {
  constructor(readonly errors: InvalidInput[]) {
    super("One or more inputs are invalid; see errors.");
  }

  get status(): number {
    return this.errors.every((error) => "pointer" in error) ? 422 : 400;
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ProblemError | InvalidRequest,
): FastifyReply {
  const invalid = error instanceof InvalidRequest;
  const body: Problem = {
    type: invalid ? PROBLEM_TYPES + "validation-error" : error.type,
    title: invalid ? "Invalid request" : error.title,
    status: error.status,
    detail: error.message,
    instance: instanceOf(request),
  };
  if (invalid) {
    body.errors = error.errors;
  }
  // Bytes, so that Fastify adds no "; charset=utf-8" here, not even on the
  // replies of frameworkErrors, which skip the app's hooks.
  return reply
    .code(body.status)
    .headers(invalid ? {} : error.headers)
    .type(PROBLEM_JSON)
    .send(Buffer.from(JSON.stringify(body)));
}
// --8<-- [end:problem]

export function statusPhrase(status: number): string {
  return RFC_9110_PHRASES[status] ?? STATUS_CODES[status] ?? `Error ${status}`;
}

/** An about:blank problem: the status says it all, and its phrase is the title. */
export function httpProblem(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): ProblemError {
  return new ProblemError(status, null, statusPhrase(status), detail, headers);
}

// What RFC 3986 lets a path segment hold besides letters, digits and -._~
const PCHAR = "!$&'()*+,;=:@";

/** Percent-encode what is not unreserved or in `safe`, as Python's quote() does. */
export function quote(text: string, safe: string): string {
  let quoted = "";
  for (const char of text) {
    if (/^[A-Za-z0-9_.~-]$/.test(char) || safe.includes(char)) {
      quoted += char;
    } else {
      const hex = Buffer.from(char, "utf8").toString("hex").toUpperCase();
      quoted += hex.replace(/../g, "%$&");
    }
  }
  return quoted;
}

/** The path as the client sent it: escapes kept, anything a URI may not hold encoded. */
function instanceOf(request: FastifyRequest): string {
  return quote(pathOf(request.raw.url ?? request.url), "/%" + PCHAR);
}

function pathOf(url: string): string {
  return url.split("?", 1)[0] ?? url;
}

/** The path percent-decoded, bad UTF-8 as U+FFFD: what the FastAPI app routes on. */
export function decodedPath(url: string): string {
  return pathOf(url).replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) =>
    new TextDecoder().decode(Buffer.from(escapes.replaceAll("%", ""), "hex")),
  );
}

/** A JSON Pointer in URI-fragment form: ["a/b", 0] -> "#/a~1b/0" (RFC 6901). */
export function jsonPointer(path: readonly (string | number)[]): string {
  const tokens = path.map((part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1"));
  return "#" + tokens.map((token) => "/" + quote(token, PCHAR)).join(""); // section 6
}

/** The scheme and host the client used, for absolute Location and next links. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

// --8<-- [start:routing]
/** What the router could not place: 405 with Allow, 307 for a trailing slash, else 404. */
export function routeMiss(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  url: string,
): FastifyReply {
  const allowed = methodsFor(app, url);
  if (allowed.length > 0) {
    const allow = allowed.join(", ");
    const detail = `${request.method} is not allowed here; use one of: ${allow}.`;
    return sendProblem(request, reply, httpProblem(405, detail, { allow }));
  }
  const [path = "", query] = url.split(/\?(.*)/s);
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed !== "" && trimmed !== path && methodsFor(app, trimmed).length > 0) {
    const location = `${origin(request)}${trimmed}${query ? "?" + query : ""}`;
    return reply.code(307).header("location", location).send();
  }
  const detail = `Nothing is served at ${decodedPath(url)}.`;
  return sendProblem(request, reply, httpProblem(404, detail));
}

/** Every method a route accepts on this concrete path, sorted: "GET, HEAD, POST". */
function methodsFor(app: FastifyInstance, url: string): string[] {
  const methods = app.supportedMethods;
  return methods.filter((method) => app.findRoute({ method, url }) !== null).sort();
}
// --8<-- [end:routing]

/** The 415 for a body in another media type than the route's, naming the one that works. */
export function unsupported(request: FastifyRequest): ProblemError {
  const mediaType = request.routeOptions.config.accepts;
  if (mediaType === undefined) {
    return httpProblem(415, "This request takes no body.");
  }
  // RFC 9110 lets a 415 name what works in Accept; RFC 5789 asks for Accept-Patch on PATCH.
  const header = request.method === "PATCH" ? "accept-patch" : "accept";
  return httpProblem(415, `Send the body as ${mediaType}.`, { [header]: mediaType });
}

// --8<-- [start:install]
export function installProblemHandlers(app: FastifyInstance): void {
  // `error` is unknown: anything can be thrown, so narrow before trusting it.
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ProblemError || error instanceof InvalidRequest) {
      return sendProblem(request, reply, error);
    }
    if (isFastifyClientError(error)) {
      if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
        // A Content-Type that is no media type at all fails before routing is acted on.
        if (request.is404) {
          return routeMiss(app, request, reply, request.url);
        }
        return sendProblem(request, reply, unsupported(request));
      }
      return sendProblem(request, reply, httpProblem(error.statusCode, error.message));
    }
    // A bug: the details go to the log, never to the client.
    request.log.error({ err: error }, "unhandled error");
    const detail = "The server failed to handle this request; it has been logged.";
    return sendProblem(request, reply, httpProblem(500, detail));
  });
  app.setNotFoundHandler((request, reply) => routeMiss(app, request, reply, request.url));
  // Fastify appends "; charset=utf-8" to JSON types. RFC 8259 defines no charset
  // parameter for application/json, and the FastAPI app sends none.
  app.addHook("onSend", async (_request, reply, payload) => {
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.endsWith("json; charset=utf-8")) {
      reply.header("content-type", type.slice(0, -"; charset=utf-8".length));
    }
    return payload;
  });
}

/** Fastify's `frameworkErrors` option: a path with a bad escape (%FF) is routed anyway. */
export function onBadUrl(app: () => FastifyInstance) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error.code !== "FST_ERR_BAD_URL") {
      // A segment longer than routerOptions.maxParamLength: more than a URL Node accepts.
      return sendProblem(request, reply, httpProblem(414, "A path segment is too long."));
    }
    // Decode with U+FFFD for bad UTF-8, as FastAPI's server does, and route that.
    const [, query = ""] = request.url.split(/(\?.*)/s);
    const url = quote(decodedPath(request.url), "/" + PCHAR) + query;
    const parameters = Object.keys(app().findRoute({ method: request.method, url })?.params ?? {});
    if (parameters.length === 0) {
      return routeMiss(app(), request, reply, url);
    }
    const detail = "is not valid UTF-8 once percent-decoded";
    const errors = parameters.map((parameter) => ({ detail, parameter }));
    return sendProblem(request, reply, new InvalidRequest(errors));
  };
}
// --8<-- [end:install]

interface FastifyClientError {
  code: string;
  statusCode: number;
  message: string;
}

/** Fastify's own 4xx errors (FST_ERR_*): fixed messages, safe to show a client. */
function isFastifyClientError(error: unknown): error is FastifyClientError {
  if (!(error instanceof Error) || !("code" in error) || !("statusCode" in error)) {
    return false;
  }
  const { code, statusCode } = error;
  return (
    typeof code === "string" &&
    code.startsWith("FST_") &&
    typeof statusCode === "number" &&
    statusCode >= 400 &&
    statusCode < 500
  );
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The one media type a route's body may use (FastAPI: the `accepts` dependency). */
    accepts?: string;
  }
}
