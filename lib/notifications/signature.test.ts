import { describe, expect, it } from "vitest";
import { newWebhookSecret, signPayload, verifySignature } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"id":"1","type":"review.waiting"}';
  const t = 1_700_000_000;

  it("signs `${t}.${body}` with HMAC-SHA256 as `t=…,v1=<hex>`", () => {
    // Reference value computed independently: printf '1700000000.{…}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload(secret, body, t)).toBe("t=1700000000,v1=0e9c98fdd8759aa915e9a5fc7a17274f56888c6cb5f4a389b5fba2e24faefa92");
    expect(signPayload(secret, body, t)).toBe(signPayload(secret, body, t));
    expect(signPayload(secret, body, t)).not.toBe(signPayload(secret, body, t + 1));
  });

  it("verifies within the tolerance and refuses a changed body, another secret, an old or malformed header", () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature(secret, body, header, { now: t + 10 })).toBe(true);
    expect(verifySignature(secret, `${body} `, header, { now: t })).toBe(false);
    expect(verifySignature("whsec_other", body, header, { now: t })).toBe(false);
    expect(verifySignature(secret, body, header, { now: t + 301 })).toBe(false);
    expect(verifySignature(secret, body, "v1=abc", { now: t })).toBe(false);
    expect(verifySignature(secret, body, null, { now: t })).toBe(false);
    expect(verifySignature(secret, body, `t=${t},v1=zz`, { now: t })).toBe(false);
  });

  it("makes distinct secrets", () => {
    expect(newWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
  });
});
