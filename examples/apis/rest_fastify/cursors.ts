/**
 * Signed keyset cursors, the same bytes examples/apis/rest/cursors.py makes.
 *
 * A cursor is `<payload>.<tag>`: base64url of "id:<last id>", then an
 * HMAC-SHA256 tag over a purpose label and the payload. Signed, not
 * encrypted. With the same key in HANDBOOK_USERS_CURSOR_KEY, the Fastify app
 * and the FastAPI app accept each other's cursors.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

// --8<-- [start:cursor]
export const KEY_VARIABLE = "HANDBOOK_USERS_CURSOR_KEY";
const MIN_KEY_BYTES = 32; // RFC 2104 discourages keys shorter than the hash output
const MAX_CURSOR_LENGTH = 128;
const CURSOR_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/; // base64url only
const PURPOSE = "users-page-cursor:";
export const MAX_ID = 2n ** 63n - 1n; // the largest id either app accepts

export class CursorCodec {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length < MIN_KEY_BYTES) {
      throw new RangeError(`the cursor key must be ${MIN_KEY_BYTES}+ bytes`);
    }
    this.#key = key;
  }

  /** The codec for the key in HANDBOOK_USERS_CURSOR_KEY; never a default. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): CursorCodec {
    const key = env[KEY_VARIABLE] ?? "";
    if (key === "") {
      throw new Error(`set ${KEY_VARIABLE} to a random secret`);
    }
    return new CursorCodec(Buffer.from(key, "utf8"));
  }

  #tag(payload: string): string {
    return createHmac("sha256", this.#key).update(PURPOSE).update(payload).digest("base64url");
  }

  /** A cursor for "the rows after `lastId`". */
  encode(lastId: number): string {
    const payload = Buffer.from(`id:${lastId}`, "ascii").toString("base64url");
    return `${payload}.${this.#tag(payload)}`;
  }

  /** The id in a cursor this codec made, or undefined for anything else. */
  decode(cursor: string): bigint | undefined {
    // Cheap checks first: length, then the characters base64url can hold.
    if (cursor.length > MAX_CURSOR_LENGTH || !CURSOR_SHAPE.test(cursor)) {
      return undefined;
    }
    const [payload = "", tag = ""] = cursor.split(".");
    // Constant time: response timing must not reveal how much of a guess was right.
    if (!timingSafeEqual(Buffer.from(tag), Buffer.from(this.#tag(payload)))) {
      return undefined;
    }
    // The tag is ours, so the payload is too; parse it strictly anyway.
    const text = Buffer.from(payload, "base64url").toString("latin1");
    const digits = /^id:([0-9]+)$/.exec(text)?.[1];
    if (digits === undefined || BigInt(digits) > MAX_ID) {
      return undefined;
    }
    return BigInt(digits);
  }
}
// --8<-- [end:cursor]
