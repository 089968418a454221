import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApplyAutonomySuggestionInput,
  UpdateAutonomySettingsInput,
} from "../../app/(console)/spaces/[spaceId]/personas/_autonomy/inputs";
import { DecideActionInput } from "../../app/(console)/reviews/inputs";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Actor } from "../../lib/actor";
import type { Stage } from "../../lib/domain/constants";
import { runAuthorized } from "../../lib/server/authorize";
import { getPersonaAutonomy } from "../queries/autonomy";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { applyAutonomySuggestion, updateAutonomySettings } from "./autonomy";
import { decideAction } from "./reviews";
import { insertSpace } from "./spaces";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

async function setup(stage: Stage = "bounded_production") {
  const t = await makeTenant(h);
  const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name: "Autonomy", environments: ["sandbox"] }, (i, c) =>
    insertSpace(c.tx, c.actor, c.role, i),
  );
  if (!r.ok) throw new Error(r.error);
  const spaceId = r.data.id;
  for (const role of ["operator", "reviewer", "viewer"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors[role].membershipId, role });
  }
  const [app] = await h.db.insert(s.apps).values({ tenantId: t.tenantId, spaceId, name: "App", kind: "api" }).returning({ id: s.apps.id });
  const [p] = await h.db.insert(s.personas).values({ tenantId: t.tenantId, spaceId, name: "Ava", stage }).returning({ id: s.personas.id });
  const personaId = p!.id;
  await h.db.insert(s.capabilityGrants).values({
    tenantId: t.tenantId, spaceId, personaId, capabilityKey: "planning", environment: "sandbox", enabled: true,
    policies: { "planning.list_plans": "allow", "planning.create_plan": "review" },
  });
  /** A pending create_plan, as the gateway would store it. */
  const propose = async (over: Partial<typeof s.actions.$inferInsert> = {}) => {
    const [a] = await h.db
      .insert(s.actions)
      .values({
        tenantId: t.tenantId, spaceId, personaId, appId: app!.id, environment: "sandbox", actionKey: "planning.create_plan",
        capabilityKey: "planning", risk: "low", effect: "write", stage, input: {}, status: "pending", reasonCode: "policy_review",
        requiredApprovals: 1, decisionPath: [], expiresAt: new Date(Date.now() + 3_600_000), ...over,
      })
      .returning({ id: s.actions.id });
    return a!.id;
  };
  const decide = (actionId: string, decision: "approve" | "reject") =>
    runAuthorized(h.db, t.actors.reviewer, "actions:decide", DecideActionInput, { spaceId, actionId, decision, comment: decision === "reject" ? "No." : undefined }, (i, c) =>
      decideAction(c.tx, c.actor, c.role, i),
    );
  const approveMany = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await decide(await propose(), "approve");
      if (!res.ok) throw new Error(res.error);
    }
  };
  const apply = (actor: Actor, raw: unknown) =>
    runAuthorized(h.db, actor, "spaces:manage", ApplyAutonomySuggestionInput, raw, (i, c) => applyAutonomySuggestion(c.tx, c.actor, c.role, i));
  const policy = async () =>
    (await h.db.select({ p: s.capabilityGrants.policies }).from(s.capabilityGrants).where(eq(s.capabilityGrants.personaId, personaId)))[0]!.p[
      "planning.create_plan"
    ];
  const events = async (verb: string) =>
    h.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.tenantId, t.tenantId), eq(s.auditEvents.verb, verb as never)));
  const suggestions = async () => (await getPersonaAutonomy(h.db, t.actors.operator, spaceId, personaId))!.suggestions;
  const applyInput = { spaceId, personaId, environment: "sandbox", actionKey: "planning.create_plan", to: "allow" };
  return { ...t, spaceId, personaId, propose, decide, approveMany, apply, policy, events, suggestions, applyInput };
}

describe("earned autonomy", () => {
  it("counts the record per action in the window and suggests review → allow at N approvals", async () => {
    const t = await setup();
    await t.approveMany(19);
    // Outside the window (31 days ago) does not count; a pending one neither.
    await t.propose({ status: "approved", decidedBy: "reviewers", decidedAt: new Date(Date.now() - 31 * 86_400_000) });
    await t.propose();
    expect(await t.suggestions()).toEqual([]);
    await t.approveMany(1);
    expect(await t.suggestions()).toEqual([
      expect.objectContaining({ actionKey: "planning.create_plan", from: "review", to: "allow", blocked: null, evidence: { approvals: 20, rejections: 0, failedAllowed: 0, windowDays: 30 } }),
    ]);
    // One rejection in the window takes the suggestion away.
    await t.decide(await t.propose(), "reject");
    expect(await t.suggestions()).toEqual([]);
  });

  it("an operator applies it: the policy reads allow and capability.policy_changed carries the evidence", async () => {
    const t = await setup();
    await t.approveMany(20);
    const r = await t.apply(t.actors.operator, t.applyInput);
    expect(r).toMatchObject({ ok: true, data: { actionKey: "planning.create_plan", from: "review", to: "allow" } });
    expect(await t.policy()).toBe("allow");
    const [ev] = await t.events("capability.policy_changed");
    expect(ev).toMatchObject({
      actorRole: "operator",
      before: { policies: { "planning.create_plan": "review" } },
      after: {
        policies: { "planning.create_plan": "allow" },
        autonomySuggestion: { from: "review", to: "allow", evidence: { approvals: 20, rejections: 0, windowDays: 30 }, stage: "bounded_production" },
      },
    });
    // Applied once: the suggestion is gone and a replay changes nothing.
    expect(await t.suggestions()).toEqual([]);
    expect(await t.apply(t.actors.operator, t.applyInput)).toMatchObject({ ok: false, error: expect.stringMatching(/no longer applies/) });
    expect(await t.events("capability.policy_changed")).toHaveLength(1);
  });

  it("refuses above the stage ceiling (pilot caps low-risk writes at review), writing nothing", async () => {
    const t = await setup("pilot");
    await t.approveMany(20);
    const [sug] = await t.suggestions();
    expect(sug).toMatchObject({ to: "allow", blocked: "Stage Pilot allows at most review for low-risk write actions (planning.create_plan is allow)" });
    const r = await t.apply(t.actors.owner, t.applyInput);
    expect(r).toEqual({ ok: false, error: "Stage Pilot allows at most review for low-risk write actions (planning.create_plan is allow)." });
    expect(await t.policy()).toBe("review");
    expect(await t.events("capability.policy_changed")).toHaveLength(0);
  });

  it("refuses reviewers and viewers (spaces:manage) and an unearned suggestion", async () => {
    const t = await setup();
    await t.approveMany(20);
    for (const role of ["reviewer", "viewer"] as const) {
      const r = await t.apply(t.actors[role], t.applyInput);
      expect(r.ok, role).toBe(false);
    }
    expect(await t.policy()).toBe("review");
    // A made-up suggestion (deny, or an action without record) is refused too.
    expect(await t.apply(t.actors.owner, { ...t.applyInput, to: "deny" })).toMatchObject({ ok: false, error: expect.stringMatching(/no longer applies/) });
    expect(await t.apply(t.actors.owner, { ...t.applyInput, actionKey: "planning.list_plans" })).toMatchObject({ ok: false });
    expect(await t.events("capability.policy_changed")).toHaveLength(0);
    expect((await t.events("authz.denied")).length).toBeGreaterThanOrEqual(2);
  });

  it("suggests allow → review after a rejection, and applying it tightens the policy", async () => {
    const t = await setup();
    await t.decide(await t.propose(), "reject");
    await h.db.update(s.capabilityGrants).set({ policies: { "planning.list_plans": "allow", "planning.create_plan": "allow" } }).where(eq(s.capabilityGrants.personaId, t.personaId));
    expect(await t.suggestions()).toEqual([expect.objectContaining({ from: "allow", to: "review", direction: "tighten", evidence: expect.objectContaining({ rejections: 1 }) })]);
    expect(await t.apply(t.actors.operator, { ...t.applyInput, to: "review" })).toMatchObject({ ok: true });
    expect(await t.policy()).toBe("review");
  });

  it("follows the space's settings; owners and operators change them, audited; bad values are field errors", async () => {
    const t = await setup();
    await t.approveMany(3);
    expect(await t.suggestions()).toEqual([]);
    const save = (actor: Actor, raw: unknown) =>
      runAuthorized(h.db, actor, "spaces:manage", UpdateAutonomySettingsInput, raw, (i, c) => {
        const { spaceId, ...settings } = i;
        return updateAutonomySettings(c.tx, c.actor, c.role, { spaceId, ...settings });
      });
    expect(await save(t.actors.operator, { spaceId: t.spaceId, approvalsToAllow: "3", windowDays: "7", rejectionsToReview: "2" })).toEqual({
      ok: true,
      data: { approvalsToAllow: 3, windowDays: 7, rejectionsToReview: 2 },
    });
    expect(await t.suggestions()).toHaveLength(1);
    const [ev] = await t.events("space.settings_changed");
    expect(ev).toMatchObject({ before: { autonomySettings: null }, after: { autonomySettings: { approvalsToAllow: 3, windowDays: 7, rejectionsToReview: 2 } } });
    const bad = await save(t.actors.owner, { spaceId: t.spaceId, approvalsToAllow: "0", windowDays: "7", rejectionsToReview: "2" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { approvalsToAllow: ["Approvals must be at least 1."] } });
    expect((await save(t.actors.reviewer, { spaceId: t.spaceId, approvalsToAllow: "5", windowDays: "7", rejectionsToReview: "2" })).ok).toBe(false);
    expect(await t.events("space.settings_changed")).toHaveLength(1);
  });
});
