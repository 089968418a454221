/**
 * Webhook signatures. Every delivery carries
 *
 *   Persona-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${body}`)>
 *
 * Receivers recompute the HMAC over the timestamp, a dot and the raw body bytes, compare
 * in constant time, and reject timestamps older than their tolerance (5 min by default).
 */
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "Persona-Signature";

export function signPayload(secret: string, body: string, t: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
  return `t=${t},v1=${mac}`;
}

/** Verify a `Persona-Signature` header; `toleranceSeconds` bounds replays of old deliveries. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  opts: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const i = item.indexOf("=");
    if (i <= 0) continue;
    const k = item.slice(0, i).trim();
    parts.set(k, [...(parts.get(k) ?? []), item.slice(i + 1).trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t)) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, body, t).split("v1=")[1]!, "hex");
  return (parts.get("v1") ?? []).some((v) => {
    const got = Buffer.from(v, "hex");
    return got.length === expected.length && crypto.timingSafeEqual(got, expected);
  });
}

/** A new signing secret, shown once to the owner. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}

/**
 * Seconds to wait after the n-th failed attempt (1-based). After the last entry the delivery
 * is marked failed: 1 first attempt + 5 retries = 6 attempts over ~2.5 hours.
 */
export const DEFAULT_BACKOFF_SECONDS: readonly number[] = [10, 30, 120, 600, 3600];
