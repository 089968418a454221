import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PausePersonaInput } from "../../app/(console)/spaces/[spaceId]/personas/inputs";
import { RequestAdvanceInput } from "../../app/(console)/rollouts/inputs";
import type { Actor } from "../../lib/actor";
import type { Decision } from "../../lib/domain/decide";
import { signPayload, verifySignature } from "../../lib/notifications/signature";
import { runAuthorized } from "../../lib/server/authorize";
import { auditedTransaction } from "../audit";
import { pausePersona } from "../mutations/personas";
import { requestAdvance } from "../mutations/stages";
import { proposeAction } from "../runtime/actions";
import { makeRuntimeFixture, type RuntimeFixture } from "../runtime/test-fixtures";
import * as s from "../schema";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { deliverDueWebhooks } from "./delivery";
import { sweepGates } from "./gate-sweep";
import { notify } from "./notify";
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from "./queries";
import { configureSpaceWebhook, listWebhookDeliveries, rotateSpaceWebhookSecret } from "./webhooks";

let h: TestDatabase;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

const onPostgres = Boolean(process.env.DATABASE_URL);

/** A runtime fixture whose reviewer, operator and viewer have their space role in its space. */
async function setup(): Promise<RuntimeFixture> {
  const f = await makeRuntimeFixture(h);
  for (const role of ["operator", "reviewer", "viewer"] as const) {
    await h.db.insert(s.spaceGrants).values({ tenantId: f.tenantId, spaceId: f.spaceId, membershipId: f.actors[role].membershipId, role });
  }
  return f;
}

const pending: Decision = { status: "pending", reasonCode: "policy_review", decidedBy: null, requiredApprovals: 1, risk: "low", effect: "write", capabilityKey: "planning", path: [] };
const approved: Decision = { status: "approved", reasonCode: "policy_allow", decidedBy: "policy", requiredApprovals: 0, risk: "low", effect: "read", capabilityKey: "planning", path: [] };

async function propose(f: RuntimeFixture, decision: Decision) {
  const r = await proposeAction(h.db, {
    token: { tokenId: f.tokenId, tokenName: "test token", tenantId: f.tenantId, spaceId: f.spaceId, appId: f.appId, environment: "sandbox", reviewTtlSeconds: 3600 },
    personaId: f.personaId,
    actionKey: "planning.create_plan",
    input: { title: "secret plan" },
    onBehalfOf: null,
    reason: null,
    idempotencyKey: null,
    requestHash: "x",
    decideFor: () => decision,
  });
  if (r.kind !== "created") throw new Error(r.kind);
  return r.body.id;
}

const titles = async (actor: Actor) => (await listNotifications(h.db, actor)).items.map((i) => `${i.kind}:${i.read ? "read" : "unread"}`);

describe("notifications", () => {
  it("a proposal needing review reaches the space's reviewers and owners, linked to the action; read state is per person", async () => {
    const f = await setup();
    await propose(f, approved);
    expect(await countUnreadNotifications(h.db, f.actors.reviewer)).toBe(0);
    const actionId = await propose(f, pending);

    const forReviewer = await listNotifications(h.db, f.actors.reviewer);
    expect(forReviewer.items).toHaveLength(1);
    expect(forReviewer.items[0]).toMatchObject({ kind: "review_waiting", href: `/reviews/${actionId}`, read: false, spaceId: f.spaceId });
    expect(forReviewer.items[0]!.body).not.toContain("secret plan");
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(1);
    // Operators do not decide actions; viewers neither.
    expect(await countUnreadNotifications(h.db, f.actors.operator)).toBe(0);
    expect(await countUnreadNotifications(h.db, f.actors.viewer)).toBe(0);

    // Marked read by the reviewer only.
    expect(await markNotificationRead(h.db, f.actors.reviewer, forReviewer.items[0]!.id)).toBe(true);
    expect(await titles(f.actors.reviewer)).toEqual(["review_waiting:read"]);
    expect(await countUnreadNotifications(h.db, f.actors.reviewer)).toBe(0);
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(1);

    // Mark all.
    await propose(f, pending);
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(2);
    expect(await markAllNotificationsRead(h.db, f.actors.owner)).toBe(2);
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(0);
    expect(await countUnreadNotifications(h.db, f.actors.reviewer)).toBe(1);
    expect(await listNotifications(h.db, f.actors.reviewer, { unreadOnly: true }).then((r) => r.items.length)).toBe(1);
  });

  it("recipients are resolved at read time: a reviewer without a grant sees nothing; another tenant sees nothing and cannot mark", async () => {
    const f = await setup();
    await propose(f, pending);
    const [n] = (await listNotifications(h.db, f.actors.reviewer)).items;
    await h.db.delete(s.spaceGrants).where(and(eq(s.spaceGrants.spaceId, f.spaceId), eq(s.spaceGrants.membershipId, f.actors.reviewer.membershipId)));
    expect(await countUnreadNotifications(h.db, f.actors.reviewer)).toBe(0);
    expect(await markNotificationRead(h.db, f.actors.reviewer, n!.id)).toBe(false);

    const other = await makeTenant(h);
    expect(await listNotifications(h.db, other.actors.owner)).toEqual({ items: [], nextCursor: null });
    expect(await markNotificationRead(h.db, other.actors.owner, n!.id)).toBe(false);
    expect(await markAllNotificationsRead(h.db, other.actors.owner)).toBe(0);
    const reads = await h.db.select().from(s.notificationReads).where(eq(s.notificationReads.notificationId, n!.id));
    expect(reads).toHaveLength(0);
  });

  it("a pause tells everyone in the space but the person who paused; an advance request tells owners", async () => {
    const f = await setup();
    const r = await runAuthorized(h.db, f.actors.operator, "personas:pause", PausePersonaInput, { spaceId: f.spaceId, personaId: f.personaId, reason: "Odd replies" }, (i, ctx) =>
      pausePersona(ctx.tx, ctx.actor, ctx.role, i),
    );
    expect(r.ok).toBe(true);
    for (const role of ["owner", "reviewer", "viewer"] as const) {
      const items = (await listNotifications(h.db, f.actors[role])).items;
      expect(items.map((i) => i.kind), role).toEqual(["persona_paused"]);
      expect(items[0]!.href).toBe(`/spaces/${f.spaceId}/personas/${f.personaId}`);
      expect(items[0]!.body).toBe("Odd replies");
    }
    expect(await countUnreadNotifications(h.db, f.actors.operator)).toBe(0);

    const g = await setup();
    await h.db.update(s.spaces).set({ gateThresholds: { pilot: { minReviewedActions: 0, minApprovalRatePercent: 0, lookbackDays: 7, minDaysAtStage: 0 } } }).where(eq(s.spaces.id, g.spaceId));
    const adv = await runAuthorized(h.db, g.actors.operator, "stages:request", RequestAdvanceInput, { spaceId: g.spaceId, personaId: g.personaId, reason: "Pilot went well" }, (i, ctx) =>
      requestAdvance(ctx.tx, ctx.actor, ctx.role, i),
    );
    expect(adv.ok, JSON.stringify(adv)).toBe(true);
    expect((await listNotifications(h.db, g.actors.owner)).items.map((i) => [i.kind, i.href])).toEqual([["advance_waiting", `/rollouts/${g.personaId}`]]);
    for (const role of ["operator", "reviewer", "viewer"] as const) expect(await countUnreadNotifications(h.db, g.actors[role]), role).toBe(0);
  });

  it("a member who joins later is not told about what happened before", async () => {
    const f = await setup();
    await propose(f, pending);
    const [late] = await h.db
      .insert(s.memberships)
      .values({ tenantId: f.tenantId, userId: f.actors.viewer.userId, role: "owner", createdAt: new Date(Date.now() + 60_000) })
      .onConflictDoUpdate({ target: [s.memberships.tenantId, s.memberships.userId], set: { role: "owner", createdAt: new Date(Date.now() + 60_000) } })
      .returning({ id: s.memberships.id });
    const lateOwner: Actor = { ...f.actors.viewer, membershipId: late!.id, tenantRole: "owner" };
    expect(await countUnreadNotifications(h.db, lateOwner)).toBe(0);
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(1);
  });

  it("a notification written in a transaction that rolls back tells nobody", async () => {
    const f = await setup();
    await expect(
      auditedTransaction(h.db, async (tx) => {
        await notify(tx, { tenantId: f.tenantId, spaceId: f.spaceId, kind: "persona_paused", title: "x", href: "/" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(0);
  });

  it("the gate sweep tells operators and owners once when a passing gate starts failing", async () => {
    const f = await setup();
    await h.db.update(s.spaces).set({ gateThresholds: { pilot: { minReviewedActions: 0, minApprovalRatePercent: 0, lookbackDays: 7, minDaysAtStage: 0 } } }).where(eq(s.spaces.id, f.spaceId));
    await sweepGates(h.db);
    const [state] = await h.db.select().from(s.personaGateStates).where(eq(s.personaGateStates.personaId, f.personaId));
    expect(state).toMatchObject({ passed: true, stage: "pilot" });
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(0);

    // An incident within the look-back period makes the gate fail.
    await h.db.insert(s.incidents).values({ tenantId: f.tenantId, spaceId: f.spaceId, personaId: f.personaId, reason: "test", openedAt: new Date() });
    const first = await sweepGates(h.db);
    expect(first.newlyFailing).toBeGreaterThanOrEqual(1);
    const items = (await listNotifications(h.db, f.actors.operator)).items;
    expect(items.map((i) => [i.kind, i.href])).toEqual([["gate_failed", `/rollouts/${f.personaId}`]]);
    expect(items[0]!.title).toContain("stopped passing");
    expect(await countUnreadNotifications(h.db, f.actors.owner)).toBe(1);
    expect(await countUnreadNotifications(h.db, f.actors.reviewer)).toBe(0);

    // Still failing: not told again.
    await sweepGates(h.db);
    expect(await countUnreadNotifications(h.db, f.actors.operator)).toBe(1);
  });
});

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local receiver on 127.0.0.1 (random port) answering with the given status codes in turn. */
async function receiver(codes: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  let i = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = codes[Math.min(i++, codes.length - 1)]!;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/persona`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function configure(f: RuntimeFixture, url: string) {
  const r = await runAuthorized(h.db, f.actors.owner, "members:manage", { safeParse: (v: unknown) => ({ success: true, data: v }) } as never, { spaceId: f.spaceId, url, enabled: true }, (i: { spaceId: string; url: string; enabled: boolean }, ctx) =>
    configureSpaceWebhook(ctx.tx, ctx.actor, ctx.role, i),
  );
  if (!r.ok) throw new Error(r.error);
  return r.data as { id: string; secret: string | null };
}

describe("webhooks", () => {
  it("a notification is delivered to a local receiver as JSON with a valid HMAC signature", async () => {
    const f = await setup();
    const rx = await receiver([200]);
    try {
      const { secret } = await configure(f, rx.url);
      expect(secret).toMatch(/^whsec_/);
      // Stored encrypted, never in clear; the audit event names no secret.
      const [row] = await h.db.select().from(s.spaceWebhooks).where(eq(s.spaceWebhooks.spaceId, f.spaceId));
      expect(row!.secretCiphertext).not.toContain(secret!);
      const audit = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.tenantId, f.tenantId), eq(s.auditEvents.verb, "webhook.configured")));
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0])).not.toContain(secret!);

      const actionId = await propose(f, pending);
      const pass = await deliverDueWebhooks(h.db);
      expect(pass).toEqual({ attempted: 1, delivered: 1, failed: 0 });
      expect(rx.received).toHaveLength(1);
      const got = rx.received[0]!;
      expect(got.headers["content-type"]).toBe("application/json");
      expect(got.headers["persona-event"]).toBe("review.waiting");
      const sig = got.headers["persona-signature"] as string;
      expect(verifySignature(secret!, got.body, sig)).toBe(true);
      // The signature covers the body and the secret: a changed body or another secret fails.
      expect(verifySignature(secret!, got.body.replace("proposes", "propose"), sig)).toBe(false);
      expect(verifySignature("whsec_other", got.body, sig)).toBe(false);
      const t = Number(/t=(\d+)/.exec(sig)![1]);
      expect(sig).toBe(signPayload(secret!, got.body, t));
      const payload = JSON.parse(got.body) as Record<string, unknown>;
      expect(payload).toMatchObject({ type: "review.waiting", tenantId: f.tenantId, space: { id: f.spaceId }, persona: { id: f.personaId }, link: `/reviews/${actionId}` });
      expect(got.body).not.toContain("secret plan");

      const { items } = await listWebhookDeliveries(h.db, f.tenantId, f.spaceId);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ status: "delivered", attempts: 1, lastResponseCode: 200, lastError: null });
      // Nothing left to do.
      expect(await deliverDueWebhooks(h.db)).toEqual({ attempted: 0, delivered: 0, failed: 0 });
    } finally {
      await rx.close();
    }
  });

  it("a receiver that fails twice gets a third, successful delivery, after the backoff", async () => {
    const f = await setup();
    const rx = await receiver([500, 503, 200]);
    try {
      const { secret } = await configure(f, rx.url);
      await propose(f, pending);
      let clock = Date.now();
      const now = () => new Date(clock);
      const opts = { now, backoffSeconds: [10, 30, 120] };
      expect(await deliverDueWebhooks(h.db, opts)).toMatchObject({ attempted: 1, failed: 1 });
      let [d] = (await listWebhookDeliveries(h.db, f.tenantId, f.spaceId)).items;
      expect(d).toMatchObject({ status: "pending", attempts: 1, lastResponseCode: 500, lastError: "HTTP 500" });
      expect(d!.nextAttemptAt.getTime()).toBe(clock + 10_000);
      // Not due yet.
      expect(await deliverDueWebhooks(h.db, opts)).toMatchObject({ attempted: 0 });
      clock += 10_000;
      expect(await deliverDueWebhooks(h.db, opts)).toMatchObject({ attempted: 1, failed: 1 });
      [d] = (await listWebhookDeliveries(h.db, f.tenantId, f.spaceId)).items;
      expect(d).toMatchObject({ status: "pending", attempts: 2, lastResponseCode: 503 });
      expect(d!.nextAttemptAt.getTime()).toBe(clock + 30_000);
      clock += 30_000;
      expect(await deliverDueWebhooks(h.db, opts)).toMatchObject({ attempted: 1, delivered: 1 });
      [d] = (await listWebhookDeliveries(h.db, f.tenantId, f.spaceId)).items;
      expect(d).toMatchObject({ status: "delivered", attempts: 3, lastResponseCode: 200, lastError: null });
      expect(rx.received).toHaveLength(3);
      // The same body each time, each signed validly.
      expect(new Set(rx.received.map((r) => r.body)).size).toBe(1);
      for (const r of rx.received) expect(verifySignature(secret!, r.body, r.headers["persona-signature"] as string, { now: Math.floor(clock / 1000) })).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it("gives up after the last attempt; a refused connection is recorded as an error; rotation re-signs pending deliveries", async () => {
    const f = await setup();
    const rx = await receiver([500]);
    const { url } = rx;
    await rx.close(); // nothing listens any more: connection refused
    await configure(f, url);
    await propose(f, pending);
    const rotated = await runAuthorized(h.db, f.actors.owner, "members:manage", { safeParse: (v: unknown) => ({ success: true, data: v }) } as never, { spaceId: f.spaceId }, (i: { spaceId: string }, ctx) =>
      rotateSpaceWebhookSecret(ctx.tx, ctx.actor, ctx.role, i),
    );
    expect(rotated.ok).toBe(true);
    const opts = { backoffSeconds: [0, 0] };
    for (let i = 0; i < 3; i++) expect(await deliverDueWebhooks(h.db, opts)).toMatchObject({ attempted: 1, failed: 1 });
    const [d] = (await listWebhookDeliveries(h.db, f.tenantId, f.spaceId)).items;
    expect(d).toMatchObject({ status: "failed", attempts: 3, lastResponseCode: null });
    expect(d!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(await deliverDueWebhooks(h.db, opts)).toMatchObject({ attempted: 0 });
  });

  it("a paused webhook queues nothing; the worker ignores deliveries of a webhook paused since", async () => {
    const f = await setup();
    const rx = await receiver([200]);
    try {
      await configure(f, rx.url);
      await propose(f, pending); // queued while on
      await h.db.update(s.spaceWebhooks).set({ enabled: false }).where(eq(s.spaceWebhooks.spaceId, f.spaceId));
      await propose(f, pending); // not queued while paused
      expect((await listWebhookDeliveries(h.db, f.tenantId, f.spaceId)).items).toHaveLength(1);
      expect(await deliverDueWebhooks(h.db)).toMatchObject({ attempted: 0 });
      expect(rx.received).toHaveLength(0);
    } finally {
      await rx.close();
    }
  });

  it.skipIf(!onPostgres)("concurrent workers deliver each notification once (FOR UPDATE SKIP LOCKED)", async () => {
    const f = await setup();
    const rx = await receiver([200]);
    try {
      await configure(f, rx.url);
      for (let i = 0; i < 6; i++) await propose(f, pending);
      const results = await Promise.all([deliverDueWebhooks(h.db, { batch: 4 }), deliverDueWebhooks(h.db, { batch: 4 }), deliverDueWebhooks(h.db, { batch: 4 })]);
      const total = results.reduce((n, r) => n + r.delivered, 0);
      // Whatever one pass left, a later pass takes; never twice.
      const rest = await deliverDueWebhooks(h.db, { batch: 10 });
      expect(total + rest.delivered).toBe(6);
      expect(rx.received).toHaveLength(6);
      expect(new Set(rx.received.map((r) => r.headers["persona-delivery"])).size).toBe(6);
    } finally {
      await rx.close();
    }
  });
});
