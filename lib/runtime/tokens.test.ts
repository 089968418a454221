import { describe, expect, it } from "vitest";
import {
  TOKEN_LENGTH,
  bearerToken,
  generateToken,
  hashToken,
  isWellFormedToken,
  tokenState,
} from "./tokens";

describe("runtime tokens", () => {
  it("generates prt_ tokens that verify, with a sha-256 hash and a 12-char prefix", () => {
    const t = generateToken();
    expect(t.token).toMatch(/^prt_[0-9A-Za-z]+$/);
    expect(t.token).toHaveLength(TOKEN_LENGTH);
    expect(isWellFormedToken(t.token)).toBe(true);
    expect(t.hash).toBe(hashToken(t.token));
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(t.prefix).toBe(t.token.slice(0, 12));
  });

  it("tokens differ (128 random bits)", () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateToken().token));
    expect(seen.size).toBe(200);
  });

  it("encodes all-zero and all-ones random input at a fixed length", () => {
    expect(generateToken(new Uint8Array(16)).token).toHaveLength(TOKEN_LENGTH);
    expect(generateToken(new Uint8Array(16).fill(255)).token).toHaveLength(TOKEN_LENGTH);
    expect(isWellFormedToken(generateToken(new Uint8Array(16).fill(255)).token)).toBe(true);
  });

  it("refuses fewer than 128 bits", () => {
    expect(() => generateToken(new Uint8Array(8))).toThrow();
  });

  it("rejects malformed tokens: prefix, length, alphabet, checksum", () => {
    const { token } = generateToken();
    expect(isWellFormedToken("")).toBe(false);
    expect(isWellFormedToken(token.replace("prt_", "prx_"))).toBe(false);
    expect(isWellFormedToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(`${token}a`)).toBe(false);
    expect(isWellFormedToken(`${token.slice(0, 10)}!${token.slice(11)}`)).toBe(false);
    // flip one character of the random part: checksum no longer matches
    const i = 8;
    const flipped = token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
    expect(isWellFormedToken(flipped)).toBe(false);
    // flip the checksum
    const last = token.at(-1) === "a" ? "b" : "a";
    expect(isWellFormedToken(token.slice(0, -1) + last)).toBe(false);
  });

  it("reads the bearer token from the header", () => {
    expect(bearerToken("Bearer prt_abc")).toBe("prt_abc");
    expect(bearerToken("bearer   prt_abc")).toBe("prt_abc");
    expect(bearerToken("Basic xyz")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
  });

  it("states: active, revoked, expired, grace ended", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const past = new Date("2025-12-31T00:00:00Z");
    const future = new Date("2026-01-02T00:00:00Z");
    const base = { revokedAt: null, expiresAt: null, graceEndsAt: null };
    expect(tokenState(base, now)).toBe("active");
    expect(tokenState({ ...base, revokedAt: past }, now)).toBe("revoked");
    expect(tokenState({ ...base, expiresAt: past }, now)).toBe("expired");
    expect(tokenState({ ...base, expiresAt: future, graceEndsAt: future }, now)).toBe("active");
    expect(tokenState({ ...base, graceEndsAt: past }, now)).toBe("grace_ended");
  });
});
