import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateSpaceInput } from "../../app/(console)/spaces/inputs";
import type { Environment, Risk } from "../../lib/domain/constants";
import { parseQueueFilters, queueFiltersFromUrl, toPendingFilters } from "../../lib/review-queue-filters";
import { runAuthorized } from "../../lib/server/authorize";
import { insertSpace } from "../mutations/spaces";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { countPendingActions, listPendingActions, listPendingFacets, type PendingFilters } from "./console";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

type Spec = { persona?: "p1" | "p2"; app?: "a1" | "a2"; environment?: Environment; capabilityKey?: string; risk?: Risk; secondsAgo: number; n?: number; space?: "alpha" | "beta" | "hidden"; status?: "pending" | "approved" };

/**
 * 250 high-risk, recent "noise" actions top the queue (persona p1, app a1, sandbox, capability
 * noise.cap); each matching set differs from them in one attribute and is older and lower-risk,
 * so none of it is in the first 200 rows of the unfiltered queue.
 */
async function setup() {
  const t = await makeTenant(h);
  const ids: Record<"alpha" | "beta" | "hidden", string> = { alpha: "", beta: "", hidden: "" };
  for (const name of ["alpha", "beta", "hidden"] as const) {
    const r = await runAuthorized(h.db, t.actors.owner, "spaces:manage", CreateSpaceInput, { name, environments: ["sandbox", "staging"] }, (i, c) =>
      insertSpace(c.tx, c.actor, c.role, i),
    );
    if (!r.ok) throw new Error(r.error);
    ids[name] = r.data.id;
  }
  for (const spaceId of [ids.alpha, ids.beta]) {
    await h.db.insert(s.spaceGrants).values({ tenantId: t.tenantId, spaceId, membershipId: t.actors.reviewer.membershipId, role: "reviewer" });
  }
  const ctx = new Map<string, { p1: string; p2: string; a1: string; a2: string }>();
  for (const spaceId of Object.values(ids)) {
    const [a1, a2] = await h.db
      .insert(s.apps)
      .values([{ tenantId: t.tenantId, spaceId, name: "App one", kind: "api" as const }, { tenantId: t.tenantId, spaceId, name: "App two", kind: "api" as const }])
      .returning({ id: s.apps.id });
    const [p1, p2] = await h.db
      .insert(s.personas)
      .values([{ tenantId: t.tenantId, spaceId, name: "Noisy" }, { tenantId: t.tenantId, spaceId, name: "Quiet" }])
      .returning({ id: s.personas.id });
    ctx.set(spaceId, { p1: p1!.id, p2: p2!.id, a1: a1!.id, a2: a2!.id });
  }
  const now = Date.now();
  const add = async (o: Spec) => {
    const spaceId = ids[o.space ?? "alpha"];
    const c = ctx.get(spaceId)!;
    const risk = o.risk ?? "medium";
    await h.db.insert(s.actions).values(
      Array.from({ length: o.n ?? 1 }, (_, i) => ({
        tenantId: t.tenantId, spaceId, personaId: c[o.persona ?? "p1"], appId: c[o.app ?? "a1"], environment: o.environment ?? ("sandbox" as const),
        capabilityKey: o.capabilityKey ?? "noise.cap", actionKey: `${risk}.action`, risk, effect: "write" as const, stage: "pilot" as const,
        status: o.status ?? ("pending" as const), reasonCode: "policy_review" as const, requiredApprovals: 1, decisionPath: [],
        createdAt: new Date(now - (o.secondsAgo + i * 60) * 1000),
      })),
    );
  };
  // noise: 30 s, 90 s, ... ago (none near the 1 h boundary, all within 24 h)
  await add({ risk: "high", secondsAgo: 30, n: 250 });
  const old = 3 * 86_400; // 3 days
  await add({ persona: "p2", secondsAgo: old, n: 3 });
  await add({ app: "a2", secondsAgo: old, n: 2 });
  await add({ environment: "staging", secondsAgo: old, n: 4 });
  await add({ capabilityKey: "target.cap", secondsAgo: old, n: 5 });
  await add({ risk: "low", secondsAgo: old, n: 6 });
  await add({ space: "beta", risk: "low", secondsAgo: old, n: 2 });
  await add({ space: "hidden", persona: "p2", risk: "low", secondsAgo: old, n: 4 });
  // decided actions never show, whatever the filter
  await add({ persona: "p2", app: "a2", environment: "staging", capabilityKey: "target.cap", risk: "low", secondsAgo: old, n: 3, status: "approved" });
  return { ...t, ids, ctx };
}

async function queue(actor: Parameters<typeof listPendingActions>[1], q: PendingFilters) {
  const [rows, total] = await Promise.all([listPendingActions(h.db, actor, q), countPendingActions(h.db, actor, q)]);
  return { rows, total };
}

describe("review queue filters are applied in SQL, beyond the first 200 rows", () => {
  it("the unfiltered first page holds only the noise; each filter finds its older, lower-risk actions and counts them", async () => {
    const t = await setup();
    const r = t.actors.reviewer;
    const alpha = t.ctx.get(t.ids.alpha)!;
    const top = await queue(r, {});
    expect(top.rows).toHaveLength(200);
    expect(top.rows.every((x) => x.risk === "high")).toBe(true);
    // alpha 250 + 3 + 2 + 4 + 5 + 6, beta 2; hidden is not the reviewer's
    expect(top.total).toEqual({ count: 272, capped: false });

    const persona = await queue(r, { personaId: alpha.p2 });
    expect(persona.rows).toHaveLength(3);
    expect(persona.rows.every((x) => x.personaId === alpha.p2 && x.personaName === "Quiet")).toBe(true);
    expect(persona.total).toEqual({ count: 3, capped: false });

    const app = await queue(r, { appId: alpha.a2 });
    expect(app.rows.map((x) => x.appName)).toEqual(["App two", "App two"]);
    expect(app.total).toEqual({ count: 2, capped: false });

    const env = await queue(r, { environment: "staging" });
    expect(env.rows).toHaveLength(4);
    expect(env.rows.every((x) => x.environment === "staging")).toBe(true);
    expect(env.total).toEqual({ count: 4, capped: false });

    const cap = await queue(r, { capabilityKey: "target.cap" });
    expect(cap.rows).toHaveLength(5);
    expect(cap.rows.every((x) => x.capabilityKey === "target.cap")).toBe(true);
    expect(cap.total).toEqual({ count: 5, capped: false });

    const low = await queue(r, { risk: "low" });
    expect(low.rows).toHaveLength(8); // 6 in alpha, 2 in beta
    expect(low.rows.every((x) => x.risk === "low")).toBe(true);
    expect(low.total).toEqual({ count: 8, capped: false });
    const medium = await queue(r, { risk: "medium" });
    expect(medium.total).toEqual({ count: 14, capped: false });
    // newest first within the filtered set
    const times = medium.rows.map((x) => x.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const day = await queue(r, { olderThanMs: 86_400_000 });
    expect(day.rows).toHaveLength(22);
    expect(day.rows.some((x) => x.risk === "high")).toBe(false);
    expect(day.total).toEqual({ count: 22, capped: false });
    // older than 1 h: noise 3,630 s .. 14,970 s ago (190 of them) + the 22 old ones; more than a page
    const hour = await queue(r, { olderThanMs: 3_600_000 });
    expect(hour.rows).toHaveLength(200);
    expect(hour.total).toEqual({ count: 212, capped: false });
    expect(hour.rows.every((x) => Date.now() - x.createdAt.getTime() >= 3_600_000)).toBe(true);

    const space = await queue(r, { spaceId: t.ids.beta });
    expect(space.rows.map((x) => x.spaceId)).toEqual([t.ids.beta, t.ids.beta]);
    expect(space.total).toEqual({ count: 2, capped: false });
  });

  it("combines filters, keeps the access scope, and caps the filtered count", async () => {
    const t = await setup();
    const alpha = t.ctx.get(t.ids.alpha)!;
    const hidden = t.ctx.get(t.ids.hidden)!;
    expect((await queue(t.actors.reviewer, { personaId: alpha.p2, risk: "medium", environment: "sandbox" })).total.count).toBe(3);
    expect((await queue(t.actors.reviewer, { personaId: alpha.p2, risk: "high" })).rows).toEqual([]);
    expect((await queue(t.actors.reviewer, { spaceId: t.ids.alpha, risk: "low", olderThanMs: 86_400_000 })).total.count).toBe(6);
    // a persona of a space the reviewer cannot see reads as empty; the owner sees it
    expect(await queue(t.actors.reviewer, { personaId: hidden.p2 })).toEqual({ rows: [], total: { count: 0, capped: false } });
    expect((await queue(t.actors.owner, { personaId: hidden.p2 })).total.count).toBe(4);
    expect(await countPendingActions(h.db, t.actors.reviewer, { olderThanMs: 3_600_000, cap: 100 })).toEqual({ count: 100, capped: true });
  });

  it("facets list every pending persona, app, environment and capability in scope, not only the first page's", async () => {
    const t = await setup();
    const f = await listPendingFacets(h.db, t.actors.reviewer);
    expect(f.spaces.map(([, n]) => n)).toEqual(["alpha", "beta"]);
    expect(new Set(f.personas.map(([, n]) => n))).toEqual(new Set(["Noisy", "Quiet"]));
    expect(f.personas.map(([id]) => id)).not.toContain(t.ctx.get(t.ids.hidden)!.p2);
    expect(f.apps.map(([id]) => id)).toContain(t.ctx.get(t.ids.alpha)!.a2);
    expect(f.environments).toEqual(["sandbox", "staging"]);
    expect(f.capabilities).toEqual(["noise.cap", "target.cap"]);
    const beta = await listPendingFacets(h.db, t.actors.reviewer, { spaceId: t.ids.beta });
    expect(beta).toMatchObject({ spaces: [[t.ids.beta, "beta"]], environments: ["sandbox"], capabilities: ["noise.cap"] });
    expect(await listPendingFacets(h.db, t.actors.reviewer, { spaceId: t.ids.hidden })).toEqual({ spaces: [], personas: [], apps: [], environments: [], capabilities: [] });
  });
});

describe("queue filters from a URL", () => {
  const id = "0b0e3a4c-8f3e-4c1a-9d2e-2f1e3d4c5b6a";
  it("strict (the API): valid values pass, empty means any, a bad value is an error naming it", () => {
    expect(parseQueueFilters(new URLSearchParams(`space=${id}&persona=${id}&app=${id}&environment=staging&capability=crm.update&risk=low&age=24h`))).toEqual({
      ok: true,
      filters: { space: id, persona: id, app: id, environment: "staging", capability: "crm.update", risk: "low", age: "24h" },
    });
    expect(parseQueueFilters(new URLSearchParams("risk=&age="))).toEqual({ ok: true, filters: {} });
    for (const [q, word] of [["risk=urgent", "risk"], ["space=nope", "space"], ["persona=1", "persona"], ["age=2d", "age"], ["environment=prod", "environment"], [`app=${id}x`, "app"]]) {
      const r = parseQueueFilters(new URLSearchParams(q));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(word);
    }
  });
  it("lenient (the page and the browser): a bad value reads as any; the query gets the age in ms", () => {
    expect(queueFiltersFromUrl({ risk: "urgent", age: "1h", persona: [id, "x"] })).toEqual({ age: "1h", persona: id });
    expect(toPendingFilters({ age: "1h", risk: "low", capability: "c" })).toMatchObject({ olderThanMs: 3_600_000, risk: "low", capabilityKey: "c" });
  });
});
