/**
 * The runtime gateway (../shared/runtime-api.md) on Hono. Rules 1–3 of the decision
 * order are answered here (401 / 413-415-400-422 / 404); rules 4–12 by `decide()`.
 * No cache: the token, persona and grants are read on every request, so a revoked
 * token, a pause, a disabled capability or a stage change apply to the very next one.
 */
import { createHash, randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import type { z } from "zod";
import type { DbHandle } from "../../db";
import { findRuntimeToken, findVisiblePersona, findVisiblePersonas, listPersonaGrants, type RuntimeTokenContext } from "../../db/runtime/auth";
import {
  cancelRuntimeAction,
  getRuntimeAction,
  listRuntimeActions,
  proposeAction,
  reportRuntimeOutcome,
  type ProposeResponse,
  type RuntimeActionView,
} from "../../db/runtime/actions";
import { ensureRuntimeListener } from "../../db/runtime/events";
import { deleteMemoryItem, getMemoryItem, listMemoryItems, putMemoryItem } from "../../db/runtime/memory";
import { recordHeartbeat } from "../../db/runtime/heartbeat";
import { canonicalJson } from "../../lib/canonical-json";
import { validateActionInput } from "../../lib/domain/catalog";
import { decide } from "../../lib/domain/decide";
import { env } from "../../lib/env";
import { emitActionChanged, onActionChanged } from "../../lib/runtime/events";
import { bearerToken, hashToken, isWellFormedToken, tokenState } from "../../lib/runtime/tokens";
import { LastUsedTracker } from "./last-used";
import { etagMatches, manifestFor } from "./manifest";
import { openApiDocument } from "./openapi";
import { HttpProblem, notFound, problemResponse, unauthorized, validation, type FieldProblem } from "./problems";
import { TokenBucketLimiter, type RateLimitState } from "./rate-limit";
import {
  GetActionQuery,
  HeartbeatBody,
  ListActionsQuery,
  ListMemoryQuery,
  MAX_MEMORY_VALUE_BYTES,
  MemoryKey,
  MemoryPutBody,
  OutcomeBody,
  PersonaQuery,
  ProposeActionBody,
} from "./schemas";

export const RUNTIME_BASE_PATH = "/api/runtime/v1";
export const MAX_BODY_BYTES = 64 * 1024;

const TERMINAL = new Set(["denied", "rejected", "expired", "cancelled", "succeeded", "failed"]);

export interface RuntimeAppOptions {
  /** The database handle (the process-wide one in the server; a test's own in tests). */
  handle: () => Promise<DbHandle>;
  limiter?: TokenBucketLimiter;
  /** Long-poll safety net: re-read at least this often while waiting (no connection held). */
  pollFallbackMs?: number;
  lastUsedFlushMs?: number;
}

type Vars = { auth: RuntimeTokenContext; rl: RateLimitState | null; requestId: string };
type C = Context<{ Variables: Vars }>;

export function createRuntimeApp(opts: RuntimeAppOptions) {
  const e = env();
  const limiter = opts.limiter ?? new TokenBucketLimiter(e.RUNTIME_RATE_LIMIT_PER_SECOND, e.RUNTIME_RATE_LIMIT_BURST);
  const pollFallbackMs = opts.pollFallbackMs ?? 2_000;
  const db = async () => (await opts.handle()).db;
  const lastUsed = new LastUsedTracker(db, opts.lastUsedFlushMs);

  const app = new Hono<{ Variables: Vars }>().basePath(RUNTIME_BASE_PATH);

  // Request id + rate-limit headers on every response, errors included.
  app.use("*", async (c, next) => {
    const requestId = randomUUID();
    c.set("requestId", requestId);
    c.set("rl", null);
    await next();
    c.res.headers.set("x-request-id", requestId);
    const rl = c.get("rl");
    if (rl) {
      c.res.headers.set("ratelimit-limit", String(rl.limit));
      c.res.headers.set("ratelimit-remaining", String(rl.remaining));
      c.res.headers.set("ratelimit-reset", String(rl.resetSeconds));
    }
  });

  app.onError((err, c) => {
    if (err instanceof HttpProblem) return problemResponse(err);
    const ref = c.get("requestId") ?? randomUUID();
    console.error(`[runtime] ${c.req.method} ${c.req.path} failed (ref ${ref})`, err);
    return problemResponse(new HttpProblem(500, `Something went wrong (ref ${ref}).`));
  });
  app.notFound((c) => problemResponse(new HttpProblem(404, `No runtime endpoint at ${c.req.method} ${c.req.path}.`)));

  app.get("/openapi.json", (c) => c.json(openApiDocument(RUNTIME_BASE_PATH)));

  // Rule 1: rate limit per token, then the token itself (shape and checksum before any lookup).
  app.use("*", async (c, next) => {
    if (c.req.path === `${RUNTIME_BASE_PATH}/openapi.json`) return next();
    const raw = bearerToken(c.req.header("authorization"));
    const wellFormed = raw !== null && isWellFormedToken(raw);
    const hash = wellFormed ? hashToken(raw) : null;
    const rl = limiter.take(hash ?? `anon:${c.req.header("x-forwarded-for") ?? "local"}`);
    c.set("rl", rl);
    if (!rl.allowed) {
      throw new HttpProblem(429, `Rate limit of ${limiter.ratePerSecond} requests per second exceeded.`, {
        headers: { "retry-after": String(rl.retryAfterSeconds) },
      });
    }
    if (raw === null) throw unauthorized("Send Authorization: Bearer <runtime token>.");
    if (!hash) throw unauthorized("The runtime token is malformed.");
    const token = await findRuntimeToken(await db(), hash);
    if (!token) throw unauthorized("The runtime token is unknown.");
    const now = new Date();
    const state = tokenState(token, now);
    if (state !== "active") throw unauthorized(`The runtime token is ${state === "grace_ended" ? "replaced (its grace period ended)" : state}.`);
    if (token.appArchived || token.spaceArchived || !token.spaceEnvironments.includes(token.environment)) {
      throw unauthorized("The runtime token is revoked.");
    }
    c.set("auth", token);
    lastUsed.mark(token.tokenId, now);
    return next();
  });

  app.get("/whoami", (c) => {
    const t = c.get("auth");
    return c.json({
      tenant: { id: t.tenantId, name: t.tenantName },
      space: { id: t.spaceId, name: t.spaceName },
      app: { id: t.appId, name: t.appName },
      environment: t.environment,
      token: { name: t.tokenName, expiresAt: t.expiresAt?.toISOString() ?? null, graceEndsAt: t.graceEndsAt?.toISOString() ?? null },
    });
  });

  app.get("/manifest", async (c) => {
    const t = c.get("auth");
    const q = parseQuery(c, PersonaQuery);
    const d = await db();
    const persona = await findVisiblePersona(d, t, q.persona);
    if (!persona) throw notFound("The persona");
    const built = manifestFor(t, persona, await listPersonaGrants(d, t.tenantId, persona.id, t.environment));
    c.header("etag", built.etag);
    c.header("cache-control", "no-cache");
    if (etagMatches(c.req.header("if-none-match"), built.etag)) return c.body(null, 304);
    c.header("content-type", "application/json");
    return c.body(built.body);
  });

  app.post("/actions", async (c) => {
    const t = c.get("auth");
    const { raw, data } = await readJson(c, ProposeActionBody);
    const input = validateActionInput(data.action, data.input);
    if (!input.ok) throw validation(input.errors.map((x) => ({ path: x.path, message: x.message })), "The input does not match the action's inputSchema.");
    const result = await proposeAction(await db(), {
      token: t,
      personaId: data.persona,
      actionKey: data.action,
      input: data.input,
      onBehalfOf: data.onBehalfOf ?? null,
      reason: data.reason ?? null,
      idempotencyKey: data.idempotencyKey ?? null,
      requestHash: createHash("sha256").update(canonicalJson(raw)).digest("hex"),
      decideFor: (persona, grants) =>
        decide({
          persona,
          space: { environments: t.spaceEnvironments, boundsOverride: t.boundsOverride },
          environment: t.environment,
          actionKey: data.action,
          grant: grants.find((g) => g.capabilityKey === data.action.split(".")[0]) ?? null,
        }),
    });
    switch (result.kind) {
      case "not_found":
        throw notFound("The persona");
      case "conflict":
        throw new HttpProblem(409, "This idempotency key was already used with a different request body.", { code: "idempotency_conflict" });
      case "replay":
        c.header("idempotent-replayed", "true");
        return c.json(proposeBody(result.body), 200);
      case "created":
        emitActionChanged(result.body.id);
        c.header("location", `${RUNTIME_BASE_PATH}/actions/${result.body.id}`);
        return c.json(proposeBody(result.body), 201);
    }
  });

  app.get("/actions", async (c) => {
    const t = c.get("auth");
    const q = parseQuery(c, ListActionsQuery);
    const d = await db();
    const persona = await findVisiblePersona(d, t, q.persona);
    if (!persona) throw notFound("The persona");
    let after: { createdAt: Date; id: string } | undefined;
    if (q.cursor) {
      try {
        const parsed = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as { t: string; id: string };
        const at = new Date(parsed.t);
        if (Number.isNaN(at.getTime()) || typeof parsed.id !== "string") throw new Error("bad");
        after = { createdAt: at, id: parsed.id };
      } catch {
        throw validation([{ path: "cursor", message: "Not a cursor from this API." }]);
      }
    }
    const page = await listRuntimeActions(d, t, { personaId: persona.id, statuses: q.status, after, limit: q.limit });
    return c.json({
      items: page.items,
      nextCursor: page.next
        ? Buffer.from(JSON.stringify({ t: page.next.createdAt.toISOString(), id: page.next.id })).toString("base64url")
        : null,
    });
  });

  app.get("/actions/:id", async (c) => {
    const t = c.get("auth");
    const q = parseQuery(c, GetActionQuery);
    const id = c.req.param("id");
    let changes = 0;
    let wake: (() => void) | null = null;
    // Subscribe before the first read so no change slips between read and wait.
    const off = q.waitSeconds > 0 ? onActionChanged(id, () => { changes++; wake?.(); }) : () => {};
    try {
      let view = await getRuntimeAction(await db(), t, id);
      if (!view) throw notFound("The action");
      if (q.waitSeconds === 0 || TERMINAL.has(view.status)) return c.json(view);
      const first = canonicalJson(view);
      const deadline = Date.now() + q.waitSeconds * 1000;
      const signal = c.req.raw.signal;
      let seen = 0;
      for (;;) {
        const remaining = deadline - Date.now();
        if (remaining <= 0 || signal?.aborted) break;
        let slice = Math.min(remaining, pollFallbackMs);
        if (view.status === "pending" && view.expiresAt) slice = Math.min(slice, Math.max(0, Date.parse(view.expiresAt) - Date.now() + 5));
        if (changes === seen) {
          // No database connection is held here: only a timer and a listener.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, slice);
            function done() {
              clearTimeout(timer);
              wake = null;
              signal?.removeEventListener("abort", done);
              resolve();
            }
            wake = done;
            signal?.addEventListener("abort", done, { once: true });
          });
        }
        seen = changes;
        const next: RuntimeActionView | null = await getRuntimeAction(await db(), t, id);
        if (!next) throw notFound("The action");
        view = next;
        if (canonicalJson(view) !== first) break;
      }
      return c.json(view);
    } finally {
      off();
    }
  });

  app.post("/actions/:id/cancel", async (c) => {
    const t = c.get("auth");
    const r = await cancelRuntimeAction(await db(), t, c.req.param("id"));
    if (r.kind === "not_found") throw notFound("The action");
    if (r.kind === "conflict") throw new HttpProblem(409, `Only a pending action can be cancelled; this one is ${r.status}.`, { extra: { currentStatus: r.status } });
    emitActionChanged(r.view.id);
    return c.json(r.view);
  });

  app.post("/actions/:id/outcome", async (c) => {
    const t = c.get("auth");
    const { data } = await readJson(c, OutcomeBody);
    const outcome = { status: data.status, output: data.output ?? null, error: data.error ?? null };
    const key = canonicalJson(outcome);
    const r = await reportRuntimeOutcome(await db(), t, c.req.param("id"), outcome, (stored) =>
      canonicalJson({ status: stored.status, output: stored.output ?? null, error: stored.error ?? null }) === key,
    );
    if (r.kind === "not_found") throw notFound("The action");
    if (r.kind === "conflict") {
      const detail = r.status === "succeeded" || r.status === "failed"
        ? "A different outcome was already reported for this action."
        : `An outcome can only be reported for an approved action; this one is ${r.status}.`;
      throw new HttpProblem(409, detail, { extra: { currentStatus: r.status } });
    }
    emitActionChanged(r.view.id);
    return c.json(r.view);
  });

  // ── Memory ──
  const memoryKeyOf = (c: C) => {
    const key = decodeURIComponent(c.req.path.slice(`${RUNTIME_BASE_PATH}/memory/`.length));
    const parsed = MemoryKey.safeParse(key);
    if (!parsed.success) throw validation([{ path: "key", message: parsed.error.issues[0]!.message }]);
    return key;
  };
  const visiblePersona = async (c: C, personaId: string) => {
    const persona = await findVisiblePersona(await db(), c.get("auth"), personaId);
    if (!persona) throw notFound("The persona");
    return persona;
  };
  const assertMemoryWritable = async (c: C, persona: { id: string; status: string }) => {
    const t = c.get("auth");
    if (persona.status !== "active") throw new HttpProblem(403, "The persona is paused: memory is read-only.", { code: "persona_paused" });
    const grants = await listPersonaGrants(await db(), t.tenantId, persona.id, t.environment);
    if (!grants.some((g) => g.capabilityKey === "memory" && g.enabled)) {
      throw new HttpProblem(403, `The memory capability is not enabled for this persona in ${t.environment}.`, { code: "capability_disabled" });
    }
  };
  const ifMatchOf = (c: C): number | null => {
    const h = c.req.header("if-match");
    if (h === undefined) return null;
    const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(h);
    if (!m) throw new HttpProblem(412, "If-Match must name a version of the item.");
    return Number(m[1]);
  };

  app.get("/memory", async (c) => {
    const t = c.get("auth");
    const q = parseQuery(c, ListMemoryQuery);
    const persona = await visiblePersona(c, q.persona);
    if (q.prefix !== undefined && !/^[A-Za-z0-9._:/-]*$/.test(q.prefix)) {
      throw validation([{ path: "prefix", message: "Use characters of A-Z a-z 0-9 . _ : / -" }]);
    }
    let afterKey: string | undefined;
    if (q.cursor) {
      afterKey = Buffer.from(q.cursor, "base64url").toString("utf8");
      if (!MemoryKey.safeParse(afterKey).success) throw validation([{ path: "cursor", message: "Not a cursor from this API." }]);
    }
    const page = await listMemoryItems(await db(), t, persona.id, { prefix: q.prefix, afterKey, limit: q.limit });
    return c.json({ items: page.items, nextCursor: page.nextKey ? Buffer.from(page.nextKey).toString("base64url") : null });
  });

  app.get("/memory/*", async (c) => {
    const key = memoryKeyOf(c);
    const q = parseQuery(c, PersonaQuery);
    const persona = await visiblePersona(c, q.persona);
    const item = await getMemoryItem(await db(), c.get("auth"), persona.id, key);
    if (!item) throw notFound("The memory item");
    c.header("etag", `"${item.version}"`);
    return c.json(item);
  });

  app.put("/memory/*", async (c) => {
    const key = memoryKeyOf(c);
    const q = parseQuery(c, PersonaQuery);
    const { data } = await readJson(c, MemoryPutBody);
    if (Buffer.byteLength(JSON.stringify(data.value)) > MAX_MEMORY_VALUE_BYTES) {
      throw validation([{ path: "value", message: "A memory value is at most 60 KiB of JSON." }]);
    }
    const ifMatch = ifMatchOf(c);
    const persona = await visiblePersona(c, q.persona);
    await assertMemoryWritable(c, persona);
    const r = await putMemoryItem(await db(), c.get("auth"), persona.id, key, data.value, ifMatch);
    if (r.kind === "precondition_failed") throw new HttpProblem(412, "The item changed since that version (or does not exist).");
    if (r.kind === "not_found") throw notFound("The memory item");
    c.header("etag", `"${r.item.version}"`);
    return c.json(r.item);
  });

  app.delete("/memory/*", async (c) => {
    const key = memoryKeyOf(c);
    const q = parseQuery(c, PersonaQuery);
    const ifMatch = ifMatchOf(c);
    const persona = await visiblePersona(c, q.persona);
    await assertMemoryWritable(c, persona);
    const r = await deleteMemoryItem(await db(), c.get("auth"), persona.id, key, ifMatch);
    if (r.kind === "precondition_failed") throw new HttpProblem(412, "The item changed since that version.");
    if (r.kind === "not_found") throw notFound("The memory item");
    return c.body(null, 204);
  });

  app.post("/heartbeat", async (c) => {
    const t = c.get("auth");
    const { data } = await readJson(c, HeartbeatBody);
    const d = await db();
    const visible = await findVisiblePersonas(d, t, [...new Set(data.personas)]);
    await recordHeartbeat(d, t, { instanceId: data.instanceId, version: data.version, personaIds: visible.map((p) => p.id) });
    const personas = [];
    for (const p of visible) {
      const grants = await listPersonaGrants(d, t.tenantId, p.id, t.environment);
      personas.push({ id: p.id, status: p.status, manifestEtag: manifestFor(t, p, grants).etag });
    }
    return c.json({ personas });
  });

  return Object.assign(app, {
    /** Start LISTEN for other processes' changes (PostgreSQL). */
    async start() {
      await ensureRuntimeListener(await opts.handle());
    },
    /** Write pending "last used" times now (tests, shutdown). */
    flushLastUsed: () => lastUsed.flush(),
  });
}

export type RuntimeApp = ReturnType<typeof createRuntimeApp>;

/** The 201 body in a fixed key order, so a replay (read back from jsonb) is byte-identical. */
function proposeBody(b: ProposeResponse): ProposeResponse {
  return {
    id: b.id,
    status: b.status,
    reasonCode: b.reasonCode,
    decidedBy: b.decidedBy,
    requiredApprovals: b.requiredApprovals,
    expiresAt: b.expiresAt,
    createdAt: b.createdAt,
  };
}

// ── Request helpers (rule 2) ───────────────────────────────────────────────────────────────

function zodErrors(error: z.ZodError, prefix = ""): FieldProblem[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: i.message,
  }));
}

function parseQuery<S extends z.ZodType>(c: C, schema: S): z.output<S> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw validation(zodErrors(r.error));
  return r.data;
}

/** 413 over 64 KiB, 415 not JSON, 400 unparseable, 422 schema — in that order. */
async function readJson<S extends z.ZodType>(c: C, schema: S): Promise<{ raw: unknown; data: z.output<S> }> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new HttpProblem(413, "The request body is over 64 KiB.");
  const buf = await c.req.arrayBuffer();
  if (buf.byteLength > MAX_BODY_BYTES) throw new HttpProblem(413, "The request body is over 64 KiB.");
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new HttpProblem(415, "Send the body as JSON with content-type: application/json.");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(buf));
  } catch {
    throw new HttpProblem(400, "The request body is not valid JSON.");
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw validation(zodErrors(r.error));
  return { raw, data: r.data };
}
