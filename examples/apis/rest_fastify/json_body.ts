/**
 * Reading a JSON body the way the FastAPI app does, as a preValidation hook.
 *
 * Every body arrives as bytes (one catch-all content-type parser). Bytes that
 * claim to be JSON (application/json or any +json type) are decoded as strict
 * UTF-8 and parsed: a 400 if they are not JSON at all. Then a body in any
 * other media type than the route's is a 415. Only then does Ajv validate,
 * after the string fields are trimmed. No body at all is left for validation
 * to report as missing (422), as FastAPI does.
 */
import type { FastifyRequest, preValidationAsyncHookHandler } from "fastify";
import { ProblemError, httpProblem, unsupported } from "./problem_details.js";
import type { BodySchema } from "./user_input.js";
import { trimFields } from "./user_input.js";

// --8<-- [start:json_body]
/** The media type a Content-Type header names, lowercased, without parameters. */
function essenceOf(request: FastifyRequest): string {
  const [essence = ""] = (request.headers["content-type"] ?? "").split(";");
  return essence.trim().toLowerCase();
}

/** application/json or any application/*+json: bytes that say they are JSON. */
function claimsJson(essence: string): boolean {
  const [type, subtype = "", ...rest] = essence.split("/");
  const json = subtype === "json" || subtype.endsWith("+json");
  return type === "application" && rest.length === 0 && json;
}

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a leading BOM
  } catch {
    throw httpProblem(400, "The request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text); // no NaN or Infinity: RFC 8259 has no such values
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const detail = `The request body is not valid JSON: ${reason}.`;
    throw new ProblemError(400, "malformed-json", "Malformed JSON", detail);
  }
}

/** The route's body: JSON in the media type its config `accepts`, trimmed, then handed to Ajv. */
export function jsonBody(schema: BodySchema): preValidationAsyncHookHandler {
  return async (request) => {
    const mediaType = request.routeOptions.config.accepts;
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      request.body = undefined; // validation reports the missing body
      return;
    }
    const essence = essenceOf(request);
    const parsed = claimsJson(essence) ? parseJson(bytes) : bytes; // malformed JSON: 400 before 415
    if (essence !== mediaType) {
      throw unsupported(request);
    }
    request.body = trimFields(parsed, schema);
  };
}
// --8<-- [end:json_body]
