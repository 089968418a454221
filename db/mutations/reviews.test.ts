import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecideActionInput } from "../../app/(console)/reviews/inputs";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import { hashPassword } from "../../lib/auth/password";
import type { Risk } from "../../lib/domain/constants";
import { runAuthorized } from "../../lib/server/authorize";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { decideAction, expireOverdueActions } from "./reviews";
import { insertSpace } from "./spaces";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase({ max: 60 });
});
afterAll(async () => {
  await h.close();
});

async function setup() {
  const t = await makeTenant(h);
  const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name: "Review space", environments: ["sandbox"] }, (i, c) =>
    insertSpace(c.tx, c.actor, c.role, i),
  );
  if (!r.ok) throw new Error(r.error);
  const spaceId = r.data.id;
  const [app] = await h.db.insert(s.apps).values({ tenantId: t.tenantId, spaceId, name: "App", kind: "api" }).returning({ id: s.apps.id });
  const [persona] = await h.db.insert(s.personas).values({ tenantId: t.tenantId, spaceId, name: "P" }).returning({ id: s.personas.id });
  // Reviewers and operators reach the space through grants with their own role.
  for (const role of ["operator", "reviewer", "viewer"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors[role].membershipId, role });
  }
  const propose = async (risk: Risk, opts: { onBehalfOf?: string; expiresAt?: Date } = {}) => {
    const [a] = await h.db
      .insert(s.actions)
      .values({
        tenantId: t.tenantId, spaceId, personaId: persona!.id, appId: app!.id, environment: "sandbox",
        actionKey: risk === "high" ? "email.send" : "crm.update_contact", risk, effect: "write", stage: "pilot",
        input: {}, onBehalfOf: opts.onBehalfOf ?? null, status: "pending", reasonCode: "policy_review",
        requiredApprovals: risk === "high" ? 2 : 1, decisionPath: [],
        expiresAt: opts.expiresAt ?? new Date(Date.now() + 3_600_000),
      })
      .returning({ id: s.actions.id });
    return a!.id;
  };
  const decide = (actor: Actor, actionId: string, decision: "approve" | "reject", comment?: string) =>
    runAuthorized(h.db, actor, "actions:decide", DecideActionInput, { spaceId, actionId, decision, comment }, (i, c) => decideAction(c.tx, c.actor, c.role, i));
  const status = async (id: string) => (await h.db.select({ s: s.actions.status }).from(s.actions).where(eq(s.actions.id, id)))[0]!.s;
  const events = async (verb: string) =>
    (await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.tenantId, t.tenantId), eq(s.auditEvents.verb, verb as never)))).length;
  return { ...t, spaceId, propose, decide, status, events };
}

describe("deciding actions", () => {
  it("one approval decides a medium-risk action; the reviewer's comment is stored", async () => {
    const t = await setup();
    const id = await t.propose("medium");
    expect(await t.decide(t.actors.reviewer, id, "approve", "Looks right")).toEqual({ ok: true, data: { status: "approved" } });
    expect(await t.status(id)).toBe("approved");
    expect(await t.events("action.approved")).toBe(1);
    const [rev] = await h.db.select().from(s.reviews).where(eq(s.reviews.actionId, id));
    expect(rev).toMatchObject({ decision: "approve", comment: "Looks right", reviewerMembershipId: t.actors.reviewer.membershipId });
  });

  it("high risk: one approval leaves it pending, the same person cannot approve twice, another reviewer approves it", async () => {
    const t = await setup();
    const id = await t.propose("high");
    expect(await t.decide(t.actors.reviewer, id, "approve")).toEqual({ ok: true, data: { status: "pending", approvalsRemaining: 1 } });
    expect(await t.status(id)).toBe("pending");
    expect(await t.decide(t.actors.reviewer, id, "approve")).toMatchObject({ ok: false, error: expect.stringMatching(/already reviewed/) });
    expect(await t.decide(t.actors.owner, id, "approve")).toEqual({ ok: true, data: { status: "approved" } });
    expect(await t.status(id)).toBe("approved");
  });

  it("a rejection needs a comment and ends it, whatever the approvals before", async () => {
    const t = await setup();
    const id = await t.propose("high");
    await t.decide(t.actors.reviewer, id, "approve");
    const noComment = await t.decide(t.actors.owner, id, "reject");
    expect(noComment).toMatchObject({ ok: false, fieldErrors: { comment: [expect.stringMatching(/why/)] } });
    expect(await t.decide(t.actors.owner, id, "reject", "Wrong customer")).toEqual({ ok: true, data: { status: "rejected" } });
    expect(await t.status(id)).toBe("rejected");
  });

  it("nobody approves on their own behalf (email or linked external id, case-insensitively)", async () => {
    const t = await setup();
    await h.db.update(s.memberships).set({ externalIds: ["Cust-42"] }).where(eq(s.memberships.id, t.actors.reviewer.membershipId));
    const byEmail = await t.propose("low", { onBehalfOf: t.actors.reviewer.email.toUpperCase() });
    const byExternal = await t.propose("low", { onBehalfOf: " cust-42 " });
    for (const id of [byEmail, byExternal]) {
      expect(await t.decide(t.actors.reviewer, id, "approve")).toMatchObject({ ok: false, error: expect.stringMatching(/own behalf/) });
      expect(await t.status(id)).toBe("pending");
    }
    expect(await t.decide(t.actors.owner, byExternal, "approve")).toMatchObject({ ok: true });
  });

  it("viewers and operators (effective role in the space) cannot decide; the attempt is audited as denied", async () => {
    const t = await setup();
    const id = await t.propose("low");
    for (const who of [t.actors.viewer, t.actors.operator]) {
      expect(await t.decide(who, id, "approve")).toEqual({ ok: false, error: "You do not have permission to do that." });
    }
    // A reviewer whose grant to this space is only `viewer` cannot decide either.
    await h.db.update(s.spaceGrants).set({ role: "viewer" }).where(eq(s.spaceGrants.membershipId, t.actors.reviewer.membershipId));
    expect(await t.decide(t.actors.reviewer, id, "approve")).toMatchObject({ ok: false });
    expect(await t.status(id)).toBe("pending");
    expect(await t.events("authz.denied")).toBe(3);
  });

  it("the first final decision wins; a later one gets 'already decided by … at …'", async () => {
    const t = await setup();
    const id = await t.propose("medium");
    await t.decide(t.actors.reviewer, id, "reject", "No");
    const late = await t.decide(t.actors.owner, id, "approve");
    expect(late).toMatchObject({ ok: false, error: expect.stringMatching(/^Already rejected by reviewer of .* at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.$/) });
    expect(await t.status(id)).toBe("rejected");
  });

  it("past its TTL an action expires instead of being approved (fail closed)", async () => {
    const t = await setup();
    const id = await t.propose("low", { expiresAt: new Date(Date.now() - 1000) });
    expect(await t.decide(t.actors.reviewer, id, "approve")).toEqual({ ok: true, data: { status: "expired" } });
    expect(await t.status(id)).toBe("expired");
    expect(await t.decide(t.actors.owner, id, "approve")).toMatchObject({ ok: false, error: expect.stringMatching(/^Already expired/) });
    const other = await t.propose("low", { expiresAt: new Date(Date.now() - 1000) });
    expect(await expireOverdueActions(h.db)).toBeGreaterThanOrEqual(1);
    expect(await t.status(other)).toBe("expired");
  });

  it("50 concurrent decisions: exactly one final state, one audit event for it, 49 conflicts", async () => {
    const t = await setup();
    const id = await t.propose("medium");
    const passwordHash = await hashPassword("x");
    const reviewers: Actor[] = [];
    for (let i = 0; i < 50; i++) {
      const email = `r${i}-${id.slice(-6)}@conc.test`;
      const [u] = await h.db.insert(s.users).values({ email, name: `Reviewer ${i}`, passwordHash }).returning({ id: s.users.id });
      const [m] = await h.db.insert(s.memberships).values({ tenantId: t.tenantId, userId: u!.id, role: "reviewer" }).returning({ id: s.memberships.id });
      await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId: t.spaceId, membershipId: m!.id, role: "reviewer" });
      reviewers.push({ ...t.actors.reviewer, userId: u!.id, email, name: `Reviewer ${i}`, membershipId: m!.id });
    }
    const results = await Promise.all(reviewers.map((r, i) => t.decide(r, id, i % 2 ? "approve" : "reject", "concurrent")));
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const l of losers) expect(l).toMatchObject({ error: expect.stringMatching(/^Already (approved|rejected) by Reviewer \d+ at /) });
    const final = await t.status(id);
    expect(["approved", "rejected"]).toContain(final);
    expect((await t.events("action.approved")) + (await t.events("action.rejected"))).toBe(1);
    expect(await t.events("action.reviewed")).toBe(1);
    expect(await h.db.select().from(s.reviews).where(eq(s.reviews.actionId, id))).toHaveLength(1);
  }, 60_000);
});

describe("history", () => {
  it("pages through decided actions with a keyset cursor, without gaps or repeats", async () => {
    const { listActionHistory } = await import("../queries/reviews");
    const t = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = await t.propose("low");
      await t.decide(t.actors.reviewer, id, i % 2 ? "approve" : "reject", "x");
      ids.push(id);
    }
    const seen: string[] = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await listActionHistory(h.db, t.actors.owner, { before, limit: 3 });
      seen.push(...r.rows.map((x) => x.id));
      if (!r.next) break;
      before = r.next;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    const rejected = await listActionHistory(h.db, t.actors.owner, { status: "rejected" });
    expect(rejected.rows).toHaveLength(4);
    // Another tenant sees none of it.
    const other = await makeTenant(h);
    expect((await listActionHistory(h.db, other.actors.owner, {})).rows).toEqual([]);
  });
});
