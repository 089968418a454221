/**
 * Runtime token format (pure). A token is `prt_` + 22 base62 characters of 128
 * random bits (zero-padded) + 6 base62 characters of a checksum (the first 4 bytes
 * of SHA-256 over the random part). A malformed token — wrong prefix, length,
 * alphabet or checksum — is rejected before any database lookup.
 * Only the SHA-256 hex of the whole token is stored.
 */
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "prt_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LEN = 22; // ceil(128 / log2(62)) = 22
const CHECK_LEN = 6; // ceil(32 / log2(62)) = 6
export const TOKEN_LENGTH = TOKEN_PREFIX.length + BODY_LEN + CHECK_LEN;
/** Characters of the token shown to identify it (`prt_` + 8). */
export const TOKEN_DISPLAY_PREFIX_LENGTH = 12;
const SHAPE = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${BODY_LEN + CHECK_LEN}}$`);

function base62(bytes: Uint8Array, length: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(length, "0");
}

function checksum(body: string): string {
  const digest = createHash("sha256").update(body).digest();
  return base62(digest.subarray(0, 4), CHECK_LEN);
}

export interface IssuedToken {
  /** The whole token: shown once, never stored. */
  token: string;
  /** SHA-256 hex of the whole token (stored). */
  hash: string;
  /** The first characters, shown to identify it. */
  prefix: string;
}

/** A new random token with its hash and display prefix. */
export function generateToken(random: Uint8Array = randomBytes(16)): IssuedToken {
  if (random.length < 16) throw new Error("A runtime token needs at least 128 random bits.");
  const body = base62(random.subarray(0, 16), BODY_LEN);
  const token = `${TOKEN_PREFIX}${body}${checksum(body)}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, TOKEN_DISPLAY_PREFIX_LENGTH) };
}

/** True when the token has the right shape and checksum (no lookup). */
export function isWellFormedToken(token: string): boolean {
  if (token.length !== TOKEN_LENGTH || !SHAPE.test(token)) return false;
  const body = token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + BODY_LEN);
  const check = token.slice(TOKEN_PREFIX.length + BODY_LEN);
  return checksum(body) === check;
}

/** SHA-256 hex of the whole token: what `runtime_tokens.token_hash` holds. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token from an `Authorization: Bearer …` header, or null when absent. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export type TokenState = "active" | "revoked" | "expired" | "grace_ended";

/** Whether a stored token is usable at `now`. */
export function tokenState(
  t: { revokedAt: Date | null; expiresAt: Date | null; graceEndsAt: Date | null },
  now: Date = new Date(),
): TokenState {
  if (t.revokedAt && t.revokedAt.getTime() <= now.getTime()) return "revoked";
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return "expired";
  if (t.graceEndsAt && t.graceEndsAt.getTime() <= now.getTime()) return "grace_ended";
  return "active";
}
