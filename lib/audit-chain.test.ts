import { describe, expect, it } from "vitest";
import { GENESIS_HASH, chainHash, payloadText, redact, verifyEvents, type StoredAuditEvent } from "./audit-chain";

function chain(n: number): StoredAuditEvent[] {
  const out: StoredAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, seq));
    const payload = payloadText({
      v: 1, tenantId: "t1", seq, at: at.toISOString(),
      actor: { kind: "system", userId: null, tokenId: null, label: "system", role: null },
      verb: "space.created", target: { type: "space", id: `s${seq}`, label: null },
      spaceId: null, before: null, after: { n: seq },
    });
    const hash = chainHash(prev, payload);
    out.push({
      id: `e${seq}`, tenantId: "t1", seq, at, actorKind: "system", actorUserId: null, actorTokenId: null,
      actorLabel: "system", actorRole: null, verb: "space.created", targetType: "space", targetId: `s${seq}`,
      targetLabel: null, spaceId: null, before: null, after: { n: seq }, payload, prevHash: prev, hash,
    });
    prev = hash;
  }
  return out;
}
const headOf = (c: StoredAuditEvent[]) => ({ seq: c.length, hash: c.at(-1)!.hash });

describe("verifyEvents (pure)", () => {
  it("accepts an intact chain", () => {
    const c = chain(5);
    expect(verifyEvents(c, headOf(c))).toEqual({ ok: true, checked: 5, firstBroken: null });
  });
  it("detects a changed column", () => {
    const c = chain(5);
    const head = headOf(c);
    c[2] = { ...c[2]!, after: { n: 99 } };
    expect(verifyEvents(c, head).firstBroken).toMatchObject({ seq: 3, reason: "payload_mismatch" });
  });
  it("detects a changed payload", () => {
    const c = chain(5);
    const head = headOf(c);
    c[1] = { ...c[1]!, payload: c[1]!.payload.replace('"n":2', '"n":3') };
    expect(verifyEvents(c, head).firstBroken).toMatchObject({ seq: 2, reason: "hash_mismatch" });
  });
  it("detects a deleted event", () => {
    const c = chain(5);
    const head = headOf(c);
    c.splice(1, 1);
    expect(verifyEvents(c, head).firstBroken).toMatchObject({ seq: 3, reason: "sequence_gap" });
  });
  it("detects a deleted last event through the head", () => {
    const c = chain(5);
    const head = headOf(c);
    c.pop();
    expect(verifyEvents(c, head).firstBroken).toMatchObject({ reason: "head_mismatch" });
  });
  it("detects reordered events even when seq numbers are rewritten", () => {
    const c = chain(5);
    const head = headOf(c);
    const a = c[1]!;
    const b = c[2]!;
    c[1] = { ...b, seq: 2 };
    c[2] = { ...a, seq: 3 };
    expect(verifyEvents(c, head).firstBroken).toMatchObject({ seq: 2, reason: "previous_hash_mismatch" });
  });
  it("redacts secret-looking keys at any depth", () => {
    expect(redact({ a: 1, apiKey: "k", nested: [{ clientSecret: "s", tokenId: "t" }] })).toEqual({
      a: 1, apiKey: "[redacted]", nested: [{ clientSecret: "[redacted]", tokenId: "t" }],
    });
  });
});
