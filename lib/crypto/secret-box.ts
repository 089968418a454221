/**
 * Authenticated encryption of small secrets (connection credentials) with AES-256-GCM.
 * Format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`. The additional data binds a
 * ciphertext to its row (tenant and connection id), so it cannot be moved to another row.
 */
import crypto from "node:crypto";

const VERSION = "v1";

export function sealSecret(plaintext: string, key: Buffer, aad: string): string {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key.");
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Decrypts a sealed secret; throws when it was tampered with, or on the wrong key or row. */
export function openSecret(sealed: string, key: Buffer, aad: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("Not a sealed secret.");
  const [, iv, tag, ciphertext] = parts as [string, string, string, string];
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
