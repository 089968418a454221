import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const key = crypto.randomBytes(32);

describe("secret box (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time and no plaintext in the output", () => {
    const secret = JSON.stringify({ apiKey: "sk_live_very_secret" });
    const a = sealSecret(secret, key, "t:c");
    const b = sealSecret(secret, key, "t:c");
    expect(a).not.toBe(b);
    expect(a).not.toContain("very_secret");
    expect(openSecret(a, key, "t:c")).toBe(secret);
    expect(openSecret(b, key, "t:c")).toBe(secret);
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const sealed = sealSecret("hello world", key, "t:c");
    const parts = sealed.split(".");
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const forged = [...parts];
      forged[i] = bytes.toString("base64url");
      expect(() => openSecret(forged.join("."), key, "t:c")).toThrow();
    }
  });

  it("refuses the wrong key, another row's additional data, and garbage", () => {
    const sealed = sealSecret("hello", key, "tenant-a:conn-1");
    expect(() => openSecret(sealed, crypto.randomBytes(32), "tenant-a:conn-1")).toThrow();
    expect(() => openSecret(sealed, key, "tenant-b:conn-1")).toThrow();
    expect(() => openSecret("plain text", key, "x")).toThrow(/Not a sealed secret/);
    expect(() => sealSecret("x", crypto.randomBytes(16), "x")).toThrow(/32-byte/);
  });
});
