/**
 * Contract tests of the runtime gateway: real HTTP requests (Hono's app.request)
 * against a real database — PGlite by default, PostgreSQL with DATABASE_URL.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvents, verifyAuditChain } from "../../db/audit";
import { notifyActionChanged } from "../../db/runtime/events";
import {
  issueToken,
  makePersona,
  makeRuntimeFixture,
  revokeTokenRow,
  setGrant,
  setPersona,
  type RuntimeFixture,
} from "../../db/runtime/test-fixtures";
import * as s from "../../db/schema";
import { openTestDatabase, type TestDatabase } from "../../db/test-utils";
import { emitActionChanged } from "../../lib/runtime/events";
import { generateToken, hashToken } from "../../lib/runtime/tokens";
import { createRuntimeApp, type RuntimeApp } from "./app";
import { TokenBucketLimiter } from "./rate-limit";
import { ROUTES } from "./schemas";

const BASE = "/api/runtime/v1";
let handle: TestDatabase;
let app: RuntimeApp;

beforeAll(async () => {
  handle = await openTestDatabase({ max: 30 });
  app = createRuntimeApp({ handle: async () => handle, limiter: new TokenBucketLimiter(10_000, 10_000) });
  await app.start();
});
afterAll(async () => {
  await handle?.close();
});

function call(token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    h["content-type"] ??= "application/json";
  }
  return app.request(`${BASE}${path}`, { method, headers: h, body: payload });
}
const propose = (f: { token: string; personaId: string }, body: Record<string, unknown>, token = f.token) =>
  call(token, "POST", "/actions", { persona: f.personaId, ...body });

async function json<T = Record<string, unknown>>(r: Response): Promise<T> {
  return (await r.json()) as T;
}
async function countActions(personaId: string) {
  return (await handle.db.select({ id: s.actions.id }).from(s.actions).where(eq(s.actions.personaId, personaId))).length;
}

describe("authentication (rule 1)", () => {
  let f: RuntimeFixture;
  beforeAll(async () => {
    f = await makeRuntimeFixture(handle);
  });

  it("whoami answers the token's tenant, space, app, environment; every response has request id and rate-limit headers", async () => {
    const r = await call(f.token, "GET", "/whoami");
    expect(r.status).toBe(200);
    const body = await json<{ tenant: { id: string }; app: { id: string }; environment: string; token: { name: string } }>(r);
    expect(body.tenant.id).toBe(f.tenantId);
    expect(body.app.id).toBe(f.appId);
    expect(body.environment).toBe("sandbox");
    expect(body.token.name).toBe("test token");
    expect(r.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
    expect(r.headers.get("ratelimit-limit")).toBeTruthy();
    expect(r.headers.get("ratelimit-remaining")).toBeTruthy();
    expect(r.headers.get("ratelimit-reset")).toBeTruthy();
  });

  it.each([
    ["missing", null],
    ["malformed", "prt_notatoken"],
    ["bad checksum", "prt_" + "a".repeat(28)],
    ["unknown", generateToken().token],
  ])("%s token → 401 problem with WWW-Authenticate: Bearer", async (_, token) => {
    const r = await call(token, "GET", "/whoami");
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.headers.get("x-request-id")).toBeTruthy();
    const p = await json<{ type: string; status: number }>(r);
    expect(p.status).toBe(401);
    expect(p.type).toMatch(/problems\/unauthorized$/);
  });

  it("only the hash is stored", async () => {
    const [row] = await handle.db.select().from(s.runtimeTokens).where(eq(s.runtimeTokens.id, f.tokenId));
    expect(row!.tokenHash).toBe(hashToken(f.token));
    expect(JSON.stringify(row)).not.toContain(f.token);
    expect(row!.prefix).toBe(f.token.slice(0, 12));
  });

  it("expired token → 401", async () => {
    const t = await issueToken(handle, f, { expiresAt: new Date(Date.now() - 1000) });
    expect((await call(t.token, "GET", "/whoami")).status).toBe(401);
  });

  it("a rotated token stops after its grace end", async () => {
    const t = await issueToken(handle, f);
    expect((await call(t.token, "GET", "/whoami")).status).toBe(200);
    await handle.db.update(s.runtimeTokens).set({ graceEndsAt: new Date(Date.now() - 1) }).where(eq(s.runtimeTokens.id, t.tokenId));
    expect((await call(t.token, "GET", "/whoami")).status).toBe(401);
  });

  it("a revoked token fails on the very next request", async () => {
    const t = await issueToken(handle, f);
    expect((await call(t.token, "GET", "/whoami")).status).toBe(200);
    await revokeTokenRow(handle, t.tokenId);
    expect((await call(t.token, "GET", "/whoami")).status).toBe(401);
  });

  it("last used is recorded without a write per request (flushed)", async () => {
    const t = await issueToken(handle, f);
    await call(t.token, "GET", "/whoami");
    const [before] = await handle.db.select({ at: s.runtimeTokens.lastUsedAt }).from(s.runtimeTokens).where(eq(s.runtimeTokens.id, t.tokenId));
    expect(before!.at).toBeNull();
    await app.flushLastUsed();
    const [after] = await handle.db.select({ at: s.runtimeTokens.lastUsedAt }).from(s.runtimeTokens).where(eq(s.runtimeTokens.id, t.tokenId));
    expect(after!.at).toBeInstanceOf(Date);
  });

  it("rate limit → 429 with Retry-After", async () => {
    const tight = createRuntimeApp({ handle: async () => handle, limiter: new TokenBucketLimiter(1, 2) });
    const h = { authorization: `Bearer ${f.token}` };
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(await tight.request(`${BASE}/whoami`, { headers: h }));
    expect(codes.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(codes[2]!.headers.get("retry-after")).toBe("1");
    expect(codes[2]!.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("openapi.json needs no token and lists every path", async () => {
    const r = await call(null, "GET", "/openapi.json");
    expect(r.status).toBe(200);
    const doc = await json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(r);
    expect(doc.openapi).toBe("3.1.0");
    for (const p of ["/whoami", "/manifest", "/actions", "/actions/{id}", "/actions/{id}/cancel", "/actions/{id}/outcome", "/memory", "/memory/{key}", "/heartbeat", "/openapi.json"]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    for (const route of ROUTES) expect(doc.paths[route.path]![route.method]).toBeDefined();
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }).components.schemas;
    expect(schemas.ProposeActionRequest!.properties).toHaveProperty("idempotencyKey");
    expect(schemas.Action!.properties).toHaveProperty("reviews");
    expect(schemas.Manifest!.properties).toHaveProperty("capabilities");
  });
});

describe("POST /actions: request checks (rules 2–3)", () => {
  let f: RuntimeFixture;
  beforeAll(async () => {
    f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
  });

  it("413 over 64 KiB, 415 not JSON, 400 unparseable, 422 schema and inputSchema — and nothing is written", async () => {
    const big = await call(f.token, "POST", "/actions", { persona: f.personaId, action: "memory.read", input: { key: "a" }, reason: "x".repeat(70_000) });
    expect(big.status).toBe(413);
    const text = await call(f.token, "POST", "/actions", "persona=1", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    const bad = await call(f.token, "POST", "/actions", "{not json");
    expect(bad.status).toBe(400);
    const schema = await call(f.token, "POST", "/actions", { persona: f.personaId });
    expect(schema.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(schema)).errors.map((e) => e.path)).toContain("action");
    const input = await propose(f, { action: "memory.read", input: { key: "bad key!" } });
    expect(input.status).toBe(422);
    const p = await json<{ errors: { path: string; message: string }[]; type: string }>(input);
    expect(p.errors[0]!.path).toBe("input.key");
    expect(input.headers.get("content-type")).toContain("application/problem+json");
    expect(await countActions(f.personaId)).toBe(0);
  });

  it("404 for another tenant's persona and for a persona not exposed via the token's app", async () => {
    const other = await makeRuntimeFixture(handle);
    const r1 = await propose({ token: f.token, personaId: other.personaId }, { action: "memory.read", input: { key: "a" } });
    expect(r1.status).toBe(404);
    const hidden = await makePersona(handle, f, { appIds: [f.otherAppId] });
    const r2 = await propose({ token: f.token, personaId: hidden }, { action: "memory.read", input: { key: "a" } });
    expect(r2.status).toBe(404);
    const r3 = await call(f.token, "GET", `/manifest?persona=${hidden}`);
    expect(r3.status).toBe(404);
    const r4 = await propose({ token: f.token, personaId: "not-a-uuid" }, { action: "memory.read", input: { key: "a" } });
    expect(r4.status).toBe(404);
    expect(await countActions(other.personaId)).toBe(0);
    expect(await countActions(hidden)).toBe(0);
  });
});

describe("decision order: every reasonCode through the HTTP API", () => {
  async function decided(f: { token: string; personaId: string }, action: string, input: Record<string, unknown>) {
    const r = await propose(f, { action, input });
    expect(r.status).toBe(201);
    const body = await json<{ id: string; status: string; reasonCode: string; decidedBy: string | null; requiredApprovals: number; expiresAt: string | null }>(r);
    const [row] = await handle.db.select().from(s.actions).where(eq(s.actions.id, body.id));
    expect(row!.reasonCode).toBe(body.reasonCode);
    expect(Array.isArray(row!.decisionPath)).toBe(true);
    return { ...body, row: row! };
  }

  it("policy_allow: low read with the memory capability enabled", async () => {
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
    const d = await decided(f, "memory.read", { key: "profile" });
    expect(d).toMatchObject({ status: "approved", reasonCode: "policy_allow", decidedBy: "policy", requiredApprovals: 0, expiresAt: null });
  });

  it("policy_review: grant policy review; pending with frozen approvals and the space TTL", async () => {
    const f = await makeRuntimeFixture(handle, { reviewTtlSeconds: 600 });
    await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "review" });
    const before = Date.now();
    const d = await decided(f, "planning.create_plan", { goal: "Ship" });
    expect(d).toMatchObject({ status: "pending", reasonCode: "policy_review", decidedBy: null, requiredApprovals: 1 });
    const ttl = Date.parse(d.expiresAt!) - before;
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThan(610_000);
  });

  it("stage_requires_review: an allow grant above the pilot ceiling (written directly)", async () => {
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "allow" });
    const d = await decided(f, "planning.create_plan", { goal: "Ship" });
    expect(d).toMatchObject({ status: "pending", reasonCode: "stage_requires_review" });
  });

  it("persona_paused", async () => {
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
    await setPersona(handle, f.personaId, { status: "paused" });
    const d = await decided(f, "memory.read", { key: "a" });
    expect(d).toMatchObject({ status: "denied", reasonCode: "persona_paused" });
  });

  it("environment_not_allowed: a production token for a pilot persona", async () => {
    const f = await makeRuntimeFixture(handle, { environment: "production" });
    await setGrant(handle, f, f.personaId, "memory", "production", true);
    const d = await decided(f, "memory.read", { key: "a" });
    expect(d).toMatchObject({ status: "denied", reasonCode: "environment_not_allowed" });
  });

  it("unknown_action: 201 denied, not an error", async () => {
    const f = await makeRuntimeFixture(handle);
    const d = await decided(f, "teleport.now", { anything: 1 });
    expect(d).toMatchObject({ status: "denied", reasonCode: "unknown_action" });
  });

  it("capability_disabled: no grant, and a disabled grant", async () => {
    const f = await makeRuntimeFixture(handle);
    expect(await decided(f, "memory.read", { key: "a" })).toMatchObject({ reasonCode: "capability_disabled" });
    await setGrant(handle, f, f.personaId, "memory", "sandbox", false);
    expect(await decided(f, "memory.read", { key: "a" })).toMatchObject({ status: "denied", reasonCode: "capability_disabled" });
  });

  it("stage_bound: a connected capability in staging during pilot (grant row written directly)", async () => {
    const f = await makeRuntimeFixture(handle, { environment: "staging" });
    await setGrant(handle, f, f.personaId, "crm", "staging", true, { "crm.lookup_contact": "allow" });
    const d = await decided(f, "crm.lookup_contact", { query: "ada" });
    expect(d).toMatchObject({ status: "denied", reasonCode: "stage_bound" });
  });

  it("action_denied: grant policy deny", async () => {
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true, { "memory.read": "deny" });
    const d = await decided(f, "memory.read", { key: "a" });
    expect(d).toMatchObject({ status: "denied", reasonCode: "action_denied" });
    expect(d.row.decisionPath).toContainEqual(expect.objectContaining({ rule: 9, result: "decided" }));
  });

  it("a disabled capability and a stage change apply on the very next request", async () => {
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "allow" });
    expect(await decided(f, "planning.create_plan", { goal: "x" })).toMatchObject({ reasonCode: "stage_requires_review" });
    await setPersona(handle, f.personaId, { stage: "bounded_production" });
    expect(await decided(f, "planning.create_plan", { goal: "x" })).toMatchObject({ reasonCode: "policy_allow" });
    await setGrant(handle, f, f.personaId, "planning", "sandbox", false, { "planning.create_plan": "allow" });
    expect(await decided(f, "planning.create_plan", { goal: "x" })).toMatchObject({ reasonCode: "capability_disabled" });
  });

  it("every proposal is audited as action.proposed by the token, and the chain verifies", async () => {
    const f = await makeRuntimeFixture(handle);
    const d = await decided(f, "memory.read", { key: "a" });
    const [ev] = await handle.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.tenantId, f.tenantId), eq(s.auditEvents.targetId, d.id)));
    expect(ev).toMatchObject({ verb: "action.proposed", actorKind: "token", actorTokenId: f.tokenId, actorLabel: "test token" });
    expect((await verifyAuditChain(handle.db, f.tenantId)).ok).toBe(true);
  });
});

describe("idempotency", () => {
  let f: RuntimeFixture;
  beforeAll(async () => {
    f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
  });

  it("same key + same body → original response, 200, Idempotent-Replayed; different body → 409", async () => {
    const body = { action: "memory.read", input: { key: "k" }, idempotencyKey: "once-1" };
    const first = await propose(f, body);
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    // the same body with keys in another order is the same canonical JSON
    const again = await call(f.token, "POST", "/actions", { idempotencyKey: "once-1", input: { key: "k" }, action: "memory.read", persona: f.personaId });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    const other = await propose(f, { ...body, input: { key: "other" } });
    expect(other.status).toBe(409);
    expect(await countActions(f.personaId)).toBe(1);
  });

  it("a 4xx does not store the key", async () => {
    const bad = await propose(f, { action: "memory.read", input: { key: "bad key" }, idempotencyKey: "k-4xx" });
    expect(bad.status).toBe(422);
    const good = await propose(f, { action: "memory.read", input: { key: "fine" }, idempotencyKey: "k-4xx" });
    expect(good.status).toBe(201);
  });

  it("the key is scoped to the app and environment", async () => {
    const t2 = await issueToken(handle, f, { appId: f.otherAppId });
    await handle.db.insert(s.personaApps).values({ tenantId: f.tenantId, spaceId: f.spaceId, personaId: f.personaId, appId: f.otherAppId });
    const body = { action: "memory.read", input: { key: "k" }, idempotencyKey: "scoped" };
    expect((await propose(f, body)).status).toBe(201);
    expect((await propose(f, body, t2.token)).status).toBe(201);
  });

  it("20 concurrent proposals with one key → one action, one 201, every other a 200 replay of the same body", async () => {
    const g = await makeRuntimeFixture(handle);
    await setGrant(handle, g, g.personaId, "memory", "sandbox", true);
    const body = { action: "memory.read", input: { key: "race" }, idempotencyKey: "race-key" };
    const answers = await Promise.all(Array.from({ length: 20 }, () => propose(g, body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 200)).toHaveLength(19);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    for (const r of answers) if (r.status === 200) expect(r.headers.get("idempotent-replayed")).toBe("true");
    expect(await countActions(g.personaId)).toBe(1);
  });
});

describe("actions: list, long-poll, cancel, outcome", () => {
  let f: RuntimeFixture;
  beforeAll(async () => {
    f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
    await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "review" });
  });
  const pending = async () => (await json<{ id: string }>(await propose(f, { action: "planning.create_plan", input: { goal: "g" } }))).id;
  const approved = async () => (await json<{ id: string }>(await propose(f, { action: "memory.read", input: { key: "a" } }))).id;

  it("lists newest first with a keyset cursor and a status filter", async () => {
    const g = await makeRuntimeFixture(handle);
    await setGrant(handle, g, g.personaId, "memory", "sandbox", true);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await json<{ id: string }>(await propose(g, { action: "memory.read", input: { key: `k${i}` } }))).id);
    await propose(g, { action: "nope.nope", input: {} });
    const p1 = await json<{ items: { id: string }[]; nextCursor: string }>(await call(g.token, "GET", `/actions?persona=${g.personaId}&limit=2&status=approved`));
    expect(p1.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    const p2 = await json<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(g.token, "GET", `/actions?persona=${g.personaId}&limit=2&status=approved&cursor=${p1.nextCursor}`),
    );
    expect(p2.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const all = await json<{ items: unknown[] }>(await call(g.token, "GET", `/actions?persona=${g.personaId}`));
    expect(all.items).toHaveLength(6);
    expect((await call(g.token, "GET", `/actions?persona=${g.personaId}&status=bogus`)).status).toBe(422);
    expect((await call(g.token, "GET", `/actions?persona=${g.personaId}&limit=101`)).status).toBe(422);
  });

  it("GET /actions/{id}: 404 for another app's action; waitSeconds outside 0..30 → 422", async () => {
    const id = await approved();
    const r = await call(f.token, "GET", `/actions/${id}`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ id, persona: f.personaId, action: "memory.read", status: "approved", reviews: [], outcome: null });
    const other = await makeRuntimeFixture(handle);
    expect((await call(other.token, "GET", `/actions/${id}`)).status).toBe(404);
    expect((await call(f.token, "GET", `/actions/${id}?waitSeconds=31`)).status).toBe(422);
    expect((await call(f.token, "GET", `/actions/${id}?waitSeconds=-1`)).status).toBe(422);
  });

  it("long-poll returns when a reviewer decision changes the action", async () => {
    const id = await pending();
    const started = Date.now();
    const poll = call(f.token, "GET", `/actions/${id}?waitSeconds=20`);
    await new Promise((r) => setTimeout(r, 300));
    // A reviewer approves (as the review code does: conditional update + review row + notify).
    await handle.db.transaction(async (tx) => {
      await tx.update(s.actions).set({ status: "approved", decidedBy: "reviewers", decidedAt: new Date() }).where(eq(s.actions.id, id));
      await tx.insert(s.reviews).values({ tenantId: f.tenantId, actionId: id, reviewerMembershipId: f.actors.reviewer.membershipId, decision: "approve", comment: "ok" });
      await appendAuditEvents(tx, [{ tenantId: f.tenantId, actor: { kind: "user", label: "reviewer" }, verb: "action.approved", target: { type: "action", id } }]);
      await notifyActionChanged(tx, id);
    });
    emitActionChanged(id);
    const r = await poll;
    const elapsed = Date.now() - started;
    expect(r.status).toBe(200);
    const body = await json<{ status: string; decidedBy: string; reviews: { decision: string; comment: string }[] }>(r);
    expect(body).toMatchObject({ status: "approved", decidedBy: "reviewers" });
    expect(body.reviews).toEqual([expect.objectContaining({ decision: "approve", comment: "ok" })]);
    expect(JSON.stringify(body)).not.toContain("@");
    expect(elapsed).toBeLessThan(5_000);
  });

  it("long-poll ends after waitSeconds when nothing changes", async () => {
    const id = await pending();
    const started = Date.now();
    const r = await call(f.token, "GET", `/actions/${id}?waitSeconds=1`);
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await json<{ status: string }>(r)).status).toBe("pending");
  });

  it("cancel: pending → cancelled; any other status → 409", async () => {
    const id = await pending();
    const r = await call(f.token, "POST", `/actions/${id}/cancel`);
    expect(r.status).toBe(200);
    expect((await json<{ status: string }>(r)).status).toBe("cancelled");
    expect((await call(f.token, "POST", `/actions/${id}/cancel`)).status).toBe(409);
    expect((await call(f.token, "POST", `/actions/${await approved()}/cancel`)).status).toBe(409);
    expect((await call(f.token, "POST", `/actions/00000000-0000-7000-8000-000000000000/cancel`)).status).toBe(404);
  });

  it("outcome: only approved; identical repeat 200; different 409; pending or cancelled 409", async () => {
    const id = await approved();
    const outcome = { status: "succeeded", output: { rows: 1 } };
    const r1 = await call(f.token, "POST", `/actions/${id}/outcome`, outcome);
    expect(r1.status).toBe(200);
    expect(await r1.json()).toMatchObject({ status: "succeeded", outcome: { status: "succeeded" } });
    expect((await call(f.token, "POST", `/actions/${id}/outcome`, outcome)).status).toBe(200);
    expect((await call(f.token, "POST", `/actions/${id}/outcome`, { status: "failed", error: "boom" })).status).toBe(409);
    const p = await pending();
    expect((await call(f.token, "POST", `/actions/${p}/outcome`, outcome)).status).toBe(409);
    await call(f.token, "POST", `/actions/${p}/cancel`);
    expect((await call(f.token, "POST", `/actions/${p}/outcome`, outcome)).status).toBe(409);
    expect((await call(f.token, "POST", `/actions/${id}/outcome`, { status: "maybe" })).status).toBe(422);
  });
});

describe("manifest and heartbeat", () => {
  it("effective policy per action, ETag and If-None-Match → 304, changes with a grant", async () => {
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "allow" });
    const r = await call(f.token, "GET", `/manifest?persona=${f.personaId}`);
    expect(r.status).toBe(200);
    const etag = r.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const m = await json<{ persona: { id: string; stage: string }; capabilities: { key: string; enabled: boolean; actions: { key: string; policy: string; inputSchema: object }[] }[] }>(r);
    expect(m.persona).toMatchObject({ id: f.personaId, stage: "pilot" });
    const planning = m.capabilities.find((c) => c.key === "planning")!;
    expect(planning.enabled).toBe(true);
    // grant allow capped by the pilot ceiling (low write → review)
    expect(planning.actions.find((a) => a.key === "planning.create_plan")).toMatchObject({ policy: "review" });
    expect(planning.actions.find((a) => a.key === "planning.list_plans")).toMatchObject({ policy: "allow" });
    expect(planning.actions.find((a) => a.key === "planning.create_plan")!.inputSchema).toHaveProperty("properties");
    expect(m.capabilities.find((c) => c.key === "memory")!.enabled).toBe(false);
    const same = await call(f.token, "GET", `/manifest?persona=${f.personaId}`, undefined, { "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(same.headers.get("etag")).toBe(etag);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
    const changed = await call(f.token, "GET", `/manifest?persona=${f.personaId}`, undefined, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await call(f.token, "GET", `/manifest`)).status).toBe(422);
  });

  it("heartbeat upserts the instance and answers each visible persona's status and manifest ETag", async () => {
    const f = await makeRuntimeFixture(handle);
    const hb = { instanceId: "i-1", version: "1.2.3", personas: [f.personaId, "00000000-0000-7000-8000-000000000000"] };
    const r = await call(f.token, "POST", "/heartbeat", hb);
    expect(r.status).toBe(200);
    const body = await json<{ personas: { id: string; status: string; manifestEtag: string }[] }>(r);
    const m = await call(f.token, "GET", `/manifest?persona=${f.personaId}`);
    expect(body.personas).toEqual([{ id: f.personaId, status: "active", manifestEtag: m.headers.get("etag") }]);
    await call(f.token, "POST", "/heartbeat", { ...hb, version: "1.2.4" });
    const rows = await handle.db.select().from(s.runtimeInstances).where(eq(s.runtimeInstances.appId, f.appId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ instanceId: "i-1", version: "1.2.4", personaIds: [f.personaId], tokenId: f.tokenId });
    expect((await call(f.token, "POST", "/heartbeat", { version: "x" })).status).toBe(422);
  });
});

describe("memory", () => {
  let f: RuntimeFixture;
  beforeAll(async () => {
    f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true);
  });
  const q = () => `?persona=${f.personaId}`;

  it("put, get, list with prefix and cursor, versions with If-Match → 412 stale, delete", async () => {
    const p1 = await call(f.token, "PUT", `/memory/user:1/profile${q()}`, { value: { name: "Ada" } });
    expect(p1.status).toBe(200);
    expect(await p1.json()).toMatchObject({ key: "user:1/profile", value: { name: "Ada" }, version: 1 });
    const p2 = await call(f.token, "PUT", `/memory/user:1/profile${q()}`, { value: { name: "Ada L" } }, { "if-match": "1" });
    expect(p2.status).toBe(200);
    expect((await json<{ version: number }>(p2)).version).toBe(2);
    const stale = await call(f.token, "PUT", `/memory/user:1/profile${q()}`, { value: 1 }, { "if-match": "1" });
    expect(stale.status).toBe(412);
    const g = await call(f.token, "GET", `/memory/user:1/profile${q()}`);
    expect(await g.json()).toMatchObject({ value: { name: "Ada L" }, version: 2 });
    for (const k of ["user:1/a", "user:1/b", "user:2/a"]) await call(f.token, "PUT", `/memory/${k}${q()}`, { value: k });
    const l1 = await json<{ items: { key: string }[]; nextCursor: string }>(await call(f.token, "GET", `/memory${q()}&prefix=user:1/&limit=2`));
    expect(l1.items.map((i) => i.key)).toEqual(["user:1/a", "user:1/b"]);
    const l2 = await json<{ items: { key: string }[]; nextCursor: string | null }>(await call(f.token, "GET", `/memory${q()}&prefix=user:1/&limit=2&cursor=${l1.nextCursor}`));
    expect(l2.items.map((i) => i.key)).toEqual(["user:1/profile"]);
    expect(l2.nextCursor).toBeNull();
    expect((await call(f.token, "DELETE", `/memory/user:1/a${q()}`, undefined, { "if-match": "7" })).status).toBe(412);
    expect((await call(f.token, "DELETE", `/memory/user:1/a${q()}`)).status).toBe(204);
    expect((await call(f.token, "GET", `/memory/user:1/a${q()}`)).status).toBe(404);
  });

  it("422 for a bad key or a value over 60 KiB; 404 for an invisible persona", async () => {
    expect((await call(f.token, "PUT", `/memory/bad%20key${q()}`, { value: 1 })).status).toBe(422);
    expect((await call(f.token, "PUT", `/memory/${"k".repeat(201)}${q()}`, { value: 1 })).status).toBe(422);
    expect((await call(f.token, "PUT", `/memory/big${q()}`, { value: "x".repeat(61 * 1024) })).status).toBe(422);
    expect((await call(f.token, "PUT", `/memory/nobody?persona=00000000-0000-7000-8000-000000000000`, { value: 1 })).status).toBe(404);
  });

  it("memory is per environment", async () => {
    await call(f.token, "PUT", `/memory/env-only${q()}`, { value: "sandbox" });
    const staging = await issueToken(handle, f, { environment: "staging" });
    expect((await call(staging.token, "GET", `/memory/env-only${q()}`)).status).toBe(404);
  });

  it("403 when memory is disabled in the environment or the persona is paused; reads still work", async () => {
    const g = await makeRuntimeFixture(handle);
    const gq = `?persona=${g.personaId}`;
    const r = await call(g.token, "PUT", `/memory/x${gq}`, { value: 1 });
    expect(r.status).toBe(403);
    await setGrant(handle, g, g.personaId, "memory", "sandbox", true);
    expect((await call(g.token, "PUT", `/memory/x${gq}`, { value: 1 })).status).toBe(200);
    await setPersona(handle, g.personaId, { status: "paused" });
    expect((await call(g.token, "PUT", `/memory/x${gq}`, { value: 2 })).status).toBe(403);
    expect((await call(g.token, "DELETE", `/memory/x${gq}`)).status).toBe(403);
    expect((await call(g.token, "GET", `/memory/x${gq}`)).status).toBe(200);
    const audits = await handle.db.select({ verb: s.auditEvents.verb }).from(s.auditEvents).where(eq(s.auditEvents.tenantId, g.tenantId));
    expect(audits.map((a) => a.verb)).toEqual(["memory.written"]);
  });
});

describe("propagation and isolation of the database", () => {
  it("a malformed token is refused without touching the database", async () => {
    const noDb = createRuntimeApp({
      handle: () => Promise.reject(new Error("the database must not be touched")),
      limiter: new TokenBucketLimiter(1000, 1000),
    });
    const r = await noDb.request(`${BASE}/whoami`, { headers: { authorization: "Bearer prt_" + "x".repeat(28) } });
    expect(r.status).toBe(401);
    const r2 = await noDb.request(`${BASE}/whoami`);
    expect(r2.status).toBe(401);
  });

  it.skipIf(!handle?.url && !process.env.DATABASE_URL)(
    "PostgreSQL: a long-poll in another process wakes through LISTEN/NOTIFY",
    async () => {
      const { openDatabase } = await import("../../db/client");
      const other = await openDatabase({ url: handle.url!, max: 4 });
      try {
        // A second "process": its own pool and its own app, no fallback re-read within the test.
        const app2 = createRuntimeApp({ handle: async () => other, pollFallbackMs: 60_000, limiter: new TokenBucketLimiter(1000, 1000) });
        await app2.start();
        const f = await makeRuntimeFixture(handle);
        await setGrant(handle, f, f.personaId, "planning", "sandbox", true, { "planning.create_plan": "review" });
        const { id } = await json<{ id: string }>(await propose(f, { action: "planning.create_plan", input: { goal: "g" } }));
        const started = Date.now();
        const poll = app2.request(`${BASE}/actions/${id}?waitSeconds=20`, { headers: { authorization: `Bearer ${f.token}` } });
        await new Promise((r) => setTimeout(r, 300));
        await handle.db.transaction(async (tx) => {
          await tx.update(s.actions).set({ status: "rejected", decidedBy: "reviewers", decidedAt: new Date() }).where(eq(s.actions.id, id));
          await notifyActionChanged(tx, id);
        });
        const r = await poll;
        expect((await json<{ status: string }>(r)).status).toBe("rejected");
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        await other.close();
      }
    },
  );
});

describe("kill switch seen by the runtime", () => {
  it("pausing cancels pending and approved-without-outcome actions; their outcome is refused with 409; everything else is denied", async () => {
    const { pausePersona } = await import("../../db/mutations/personas");
    const { auditedTransaction } = await import("../../db/audit");
    const f = await makeRuntimeFixture(handle);
    await setGrant(handle, f, f.personaId, "memory", "sandbox", true, { "memory.read": "allow", "memory.write": "review" });
    const allowed = await json<{ id: string; status: string }>(await propose(f, { action: "memory.read", input: { key: "a" } }));
    const pending = await json<{ id: string; status: string }>(await propose(f, { action: "memory.write", input: { key: "a", value: 1 } }));
    const done = await json<{ id: string }>(await propose(f, { action: "memory.read", input: { key: "b" } }));
    expect([allowed.status, pending.status]).toEqual(["approved", "pending"]);
    expect((await call(f.token, "POST", `/actions/${done.id}/outcome`, { status: "succeeded", output: {} })).status).toBe(200);

    await auditedTransaction(handle.db, (tx) =>
      pausePersona(tx, f.actors.operator, "operator", { spaceId: f.spaceId, personaId: f.personaId, reason: "Kill switch test" }),
    );

    for (const id of [allowed.id, pending.id]) {
      const r = await call(f.token, "GET", `/actions/${id}`);
      expect((await json<{ status: string }>(r)).status).toBe("cancelled");
      expect((await call(f.token, "POST", `/actions/${id}/outcome`, { status: "succeeded", output: {} })).status).toBe(409);
    }
    // An action that already reported its outcome keeps it.
    expect((await json<{ status: string }>(await call(f.token, "GET", `/actions/${done.id}`))).status).toBe("succeeded");
    // The very next proposal is denied, and memory writes are forbidden.
    const next = await json<{ status: string; reasonCode: string }>(await propose(f, { action: "memory.read", input: { key: "c" } }));
    expect(next).toMatchObject({ status: "denied", reasonCode: "persona_paused" });
    expect((await call(f.token, "PUT", `/memory/k?persona=${f.personaId}`, { value: 1 })).status).toBe(403);
  });
});
