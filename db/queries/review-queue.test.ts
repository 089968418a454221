import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Risk } from "../../lib/domain/constants";
import { runAuthorized } from "../../lib/server/authorize";
import { insertSpace } from "../mutations/spaces";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { countPendingActions, listPendingActions } from "./console";
import { countPendingReviews } from "./spaces";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

async function setup() {
  const t = await makeTenant(h);
  const spaces: string[] = [];
  for (const name of ["Alpha", "Beta", "Hidden"]) {
    const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name, environments: ["sandbox"] }, (i, c) =>
      insertSpace(c.tx, c.actor, c.role, i),
    );
    if (!r.ok) throw new Error(r.error);
    spaces.push(r.data.id);
  }
  // The reviewer sees Alpha and Beta, not Hidden.
  for (const spaceId of spaces.slice(0, 2)) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors.reviewer.membershipId, role: "reviewer" });
  }
  const ctx = new Map<string, { personaId: string; appId: string }>();
  for (const spaceId of spaces) {
    const [app] = await h.db.insert(s.apps).values({ tenantId: t.tenantId, spaceId, name: "App", kind: "api" }).returning({ id: s.apps.id });
    const [p] = await h.db.insert(s.personas).values({ tenantId: t.tenantId, spaceId, name: "P" }).returning({ id: s.personas.id });
    ctx.set(spaceId, { personaId: p!.id, appId: app!.id });
  }
  const add = async (spaceId: string, risk: Risk, minutesAgo: number, n = 1, status: "pending" | "approved" = "pending") => {
    const c = ctx.get(spaceId)!;
    await h.db.insert(s.actions).values(
      Array.from({ length: n }, (_, i) => ({
        tenantId: t.tenantId, spaceId, personaId: c.personaId, appId: c.appId, environment: "sandbox" as const,
        actionKey: `${risk}.action`, risk, effect: "write" as const, stage: "pilot" as const, status, reasonCode: "policy_review" as const,
        requiredApprovals: 1, decisionPath: [], createdAt: new Date(Date.now() - (minutesAgo + i) * 60_000),
      })),
    );
  };
  return { ...t, spaces, add };
}

describe("review queue at scale", () => {
  it("orders by risk then newest in SQL: an old high-risk action tops a queue of 250 newer low-risk ones", async () => {
    const t = await setup();
    const [alpha, beta] = t.spaces as [string, string];
    await t.add(alpha, "low", 0, 250);
    await t.add(beta, "high", 10_000);
    await t.add(alpha, "medium", 5_000);
    await t.add(alpha, "medium", 4_000);
    await t.add(alpha, "high", 1, 1, "approved");
    const page = await listPendingActions(h.db, t.actors.reviewer);
    expect(page).toHaveLength(200);
    expect(page.slice(0, 3).map((r) => [r.risk, r.spaceId])).toEqual([["high", beta], ["medium", alpha], ["medium", alpha]]);
    // newest first within a risk
    expect(page[1]!.createdAt.getTime()).toBeGreaterThan(page[2]!.createdAt.getTime());
    expect(page.slice(3).every((r) => r.risk === "low")).toBe(true);
    expect(await countPendingActions(h.db, t.actors.reviewer)).toEqual({ count: 253, capped: false });
  });

  it("scopes to one visible space; a space the actor cannot see reads as empty", async () => {
    const t = await setup();
    const [alpha, beta, hidden] = t.spaces as [string, string, string];
    await t.add(alpha, "low", 0, 3);
    await t.add(beta, "medium", 0, 2);
    await t.add(hidden, "high", 0, 4);
    expect((await listPendingActions(h.db, t.actors.reviewer, { spaceId: beta })).map((r) => r.spaceId)).toEqual([beta, beta]);
    expect(await countPendingActions(h.db, t.actors.reviewer, { spaceId: beta })).toEqual({ count: 2, capped: false });
    expect(await listPendingActions(h.db, t.actors.reviewer, { spaceId: hidden })).toEqual([]);
    expect(await countPendingActions(h.db, t.actors.reviewer, { spaceId: hidden })).toEqual({ count: 0, capped: false });
    expect(await countPendingActions(h.db, t.actors.owner, { spaceId: hidden })).toEqual({ count: 4, capped: false });
    expect(await countPendingActions(h.db, t.actors.owner)).toEqual({ count: 9, capped: false });
  });

  it("caps the counts: the queue total at its cap, the nav badge at 100", async () => {
    const t = await setup();
    await t.add(t.spaces[0]!, "low", 0, 120);
    expect(await countPendingActions(h.db, t.actors.owner, { cap: 50 })).toEqual({ count: 50, capped: true });
    expect(await countPendingActions(h.db, t.actors.owner, { cap: 120 })).toEqual({ count: 120, capped: false });
    expect(await countPendingReviews(h.db, t.actors.owner)).toBe(100);
  });
});
