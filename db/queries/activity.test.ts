import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/actor";
import type { TenantRole } from "../../lib/domain/constants";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { getPersonaActivity, parsePeriod } from "./activity";

const NOW = new Date("2026-06-15T12:00:00Z");
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let h: TestDatabase;
let acme: { actors: Record<TenantRole, Actor>; spaceId: string; personaId: string; otherId: string };
let globex: { actors: Record<TenantRole, Actor>; spaceId: string; personaId: string };

async function makePersona(name: string) {
  const { tenantId, actors } = await makeTenant(h, name);
  const [space] = await h.db.insert(s.spaces).values({ tenantId, name: `${name} space` }).returning();
  const [app] = await h.db.insert(s.apps).values({ tenantId, spaceId: space!.id, name: "API", kind: "api" }).returning();
  const [p, other] = await h.db.insert(s.personas).values([{ tenantId, spaceId: space!.id, name: "Ava" }, { tenantId, spaceId: space!.id, name: "Other" }]).returning();
  const base = { tenantId, spaceId: space!.id, appId: app!.id, environment: "sandbox" as const, stage: "pilot" as const, requiredApprovals: 0, decisionPath: [] };
  return { tenantId, actors, spaceId: space!.id, personaId: p!.id, otherId: other!.id, base };
}

beforeAll(async () => {
  h = await openTestDatabase();
  const a = await makePersona("Acme");
  const g = await makePersona("Globex");
  acme = a;
  globex = g;
  type NewAction = typeof s.actions.$inferInsert;
  const act = (w: typeof a, v: Partial<NewAction>): NewAction => ({ ...w.base, personaId: w.personaId, actionKey: "messaging.send_message", status: "succeeded", reasonCode: "policy_allow", ...v });
  const reviewed = (w: typeof a, createdAt: Date, minutes: number, status: "succeeded" | "rejected" | "failed", outcome?: "succeeded" | "failed") =>
    act(w, { createdAt, decidedAt: new Date(createdAt.getTime() + minutes * MIN), decidedBy: "reviewers", status, reasonCode: "policy_review", requiredApprovals: 1, outcomeStatus: outcome ?? null });
  const today = new Date("2026-06-15T08:00:00Z");
  const yesterday = new Date("2026-06-14T08:00:00Z");
  await h.db.insert(s.actions).values([
    // today: 2 by policy (one failed later), 3 by reviewers, 1 rejected, 2 denied, 1 expired
    act(a, { createdAt: today, decidedAt: today, decidedBy: "policy", actionKey: "crm.lookup_contact", outcomeStatus: "succeeded" }),
    act(a, { createdAt: today, decidedAt: today, decidedBy: "policy", actionKey: "crm.lookup_contact", status: "failed", outcomeStatus: "failed" }),
    reviewed(a, today, 1, "succeeded", "succeeded"),
    reviewed(a, today, 2, "succeeded"),
    reviewed(a, today, 3, "failed", "failed"),
    reviewed(a, today, 4, "rejected"),
    act(a, { createdAt: today, decidedAt: today, decidedBy: "policy", status: "denied", reasonCode: "capability_disabled", actionKey: "email.send" }),
    act(a, { createdAt: today, decidedAt: today, decidedBy: "policy", status: "denied", reasonCode: "persona_paused", actionKey: "email.send" }),
    act(a, { createdAt: ago(DAY + 3 * 60 * MIN), decidedAt: today, decidedBy: "system", status: "expired", reasonCode: "policy_review" }),
    // yesterday: one reviewed after 10 min, one cancelled
    reviewed(a, yesterday, 10, "succeeded", "succeeded"),
    act(a, { createdAt: yesterday, decidedAt: yesterday, decidedBy: "system", status: "cancelled", reasonCode: "policy_review" }),
    // left out: pending, 8 days ago (for the 7-day period), another persona
    act(a, { createdAt: today, status: "pending", reasonCode: "policy_review" }),
    act(a, { createdAt: ago(8 * DAY), decidedAt: ago(8 * DAY), decidedBy: "policy", actionKey: "old.action" }),
    act(a, { personaId: a.otherId, createdAt: today, decidedAt: today, decidedBy: "policy" }),
    // Globex's own persona
    act(g, { createdAt: today, decidedAt: today, decidedBy: "policy" }),
  ]);
});
afterAll(async () => {
  await h.close();
});

describe("persona activity", () => {
  it("counts decisions per UTC day by outcome, with failed outcomes, over the period", async () => {
    const r = (await getPersonaActivity(h.db, acme.actors.viewer, acme.spaceId, acme.personaId, 7, NOW))!;
    expect(r.perDay).toHaveLength(7);
    expect(r.perDay[0]!.day).toBe("2026-06-09");
    expect(r.perDay.at(-1)).toEqual({ day: "2026-06-15", approvedByPolicy: 2, approvedByReviewers: 3, rejected: 1, denied: 2, expired: 1, cancelled: 0, failed: 2 });
    expect(r.perDay.at(-2)).toEqual({ day: "2026-06-14", approvedByPolicy: 0, approvedByReviewers: 1, rejected: 0, denied: 0, expired: 0, cancelled: 1, failed: 0 });
    expect(r.perDay.slice(0, 5).every((d) => d.approvedByPolicy + d.approvedByReviewers + d.rejected + d.denied + d.expired + d.cancelled === 0)).toBe(true);
    expect(r.totals).toEqual({ approvedByPolicy: 2, approvedByReviewers: 4, rejected: 1, denied: 2, expired: 1, cancelled: 1, decisions: 11, failed: 2, succeeded: 3 });
  });

  it("denials by reason, top actions, median and p90 time to a reviewers' decision", async () => {
    const r = (await getPersonaActivity(h.db, acme.actors.owner, acme.spaceId, acme.personaId, 7, NOW))!;
    expect(r.deniedByReason).toEqual([
      { reasonCode: "capability_disabled", count: 1 },
      { reasonCode: "persona_paused", count: 1 },
    ]);
    expect(r.topActions[0]).toEqual({ actionKey: "messaging.send_message", total: 7, approved: 4, rejected: 1, denied: 0 });
    expect(r.topActions.map((t) => t.actionKey)).toEqual(["messaging.send_message", "crm.lookup_contact", "email.send"]);
    // reviewers took 1, 2, 3, 4 and 10 minutes: median 3 min, p90 = 4 + 0.6 × 6 = 7.6 min
    expect(r.timeToDecision).toEqual({ count: 5, medianMs: 3 * MIN, p90Ms: 7.6 * MIN });
  });

  it("a longer period reaches older decisions; an unknown period falls back to 30 days", async () => {
    const r = (await getPersonaActivity(h.db, acme.actors.owner, acme.spaceId, acme.personaId, 30, NOW))!;
    expect(r.perDay).toHaveLength(30);
    expect(r.totals.decisions).toBe(12);
    expect(r.topActions.map((t) => t.actionKey)).toContain("old.action");
    expect(parsePeriod("90")).toBe(90);
    expect(parsePeriod("365")).toBe(30);
    expect(parsePeriod(undefined)).toBe(30);
  });

  it("an empty period has zeros and no times; tenant isolation: Globex cannot read Acme's persona and sees only its own", async () => {
    const empty = (await getPersonaActivity(h.db, acme.actors.owner, acme.spaceId, acme.personaId, 7, new Date("2027-01-01T00:00:00Z")))!;
    expect(empty.totals.decisions).toBe(0);
    expect(empty.timeToDecision).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(await getPersonaActivity(h.db, globex.actors.owner, acme.spaceId, acme.personaId, 30, NOW)).toBeNull();
    expect(await getPersonaActivity(h.db, globex.actors.owner, globex.spaceId, acme.personaId, 30, NOW)).toBeNull();
    const g = (await getPersonaActivity(h.db, globex.actors.owner, globex.spaceId, globex.personaId, 30, NOW))!;
    expect(g.totals.decisions).toBe(1);
  });
});
