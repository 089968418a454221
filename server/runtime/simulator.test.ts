/**
 * The typed client and the simulated runtime against a started gateway (a real
 * HTTP server on 127.0.0.1, port 0); what they did is then found in the database.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { getRequestListener } from "@hono/node-server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRuntimeFixture, setGrant, type RuntimeFixture } from "../../db/runtime/test-fixtures";
import * as s from "../../db/schema";
import { openTestDatabase, type TestDatabase } from "../../db/test-utils";
import { ConflictError, NotFoundError, RuntimeClient, UnauthorizedError, ValidationError } from "../../lib/runtime-client";
import { createRuntimeApp } from "./app";
import { TokenBucketLimiter } from "./rate-limit";

let handle: TestDatabase;
let server: Server;
let baseUrl: string;
let f: RuntimeFixture;

beforeAll(async () => {
  handle = await openTestDatabase();
  const app = createRuntimeApp({ handle: async () => handle, limiter: new TokenBucketLimiter(1000, 1000) });
  await app.start();
  server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  f = await makeRuntimeFixture(handle);
  await setGrant(handle, f, f.personaId, "memory", "sandbox", true, { "memory.read": "allow", "memory.write": "review" });
  await setGrant(handle, f, f.personaId, "knowledge_search", "sandbox", true, { "knowledge_search.search": "allow" });
  await setGrant(handle, f, f.personaId, "messaging", "sandbox", true, { "messaging.read_conversation": "allow", "messaging.send_message": "review" });
  await setGrant(handle, f, f.personaId, "crm", "sandbox", true, { "crm.lookup_contact": "allow", "crm.delete_contact": "deny" });
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await handle?.close();
});

describe("typed client", () => {
  it("whoami, manifest with 304, propose with replay, memory with versions, typed errors", async () => {
    const c = new RuntimeClient({ baseUrl, token: f.token });
    expect((await c.whoami()).app.id).toBe(f.appId);
    const m = await c.manifest(f.personaId);
    expect(m.notModified).toBe(false);
    expect((await c.manifest(f.personaId, { etag: m.etag })).notModified).toBe(true);
    const body = { persona: f.personaId, action: "memory.read", input: { key: "a" }, idempotencyKey: "client-1" };
    const first = await c.proposeAction(body);
    expect(first).toMatchObject({ replayed: false, action: { status: "approved" } });
    const again = await c.proposeAction(body);
    expect(again).toEqual({ replayed: true, action: first.action });
    await expect(c.proposeAction({ ...body, input: { key: "b" } })).rejects.toBeInstanceOf(ConflictError);
    await expect(c.proposeAction({ persona: f.personaId, action: "memory.read", input: {} })).rejects.toSatisfy(
      (e: unknown) => e instanceof ValidationError && e.problem.errors?.[0]?.path === "input.key",
    );
    await expect(c.manifest("00000000-0000-7000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    expect(await c.memory.get(f.personaId, "nothing/here")).toBeNull();
    const put = await c.memory.put(f.personaId, "notes/1", { a: 1 });
    await c.memory.put(f.personaId, "notes/1", { a: 2 }, { ifMatch: put.version });
    await expect(c.memory.put(f.personaId, "notes/1", { a: 3 }, { ifMatch: put.version })).rejects.toMatchObject({ status: 412 });
    expect((await c.memory.list(f.personaId, { prefix: "notes/" })).items).toHaveLength(1);
    await c.memory.delete(f.personaId, "notes/1");
    const pendingAction = (await c.proposeAction({ persona: f.personaId, action: "messaging.send_message", input: { to: "c1", text: "hi" } })).action;
    expect(pendingAction.status).toBe("pending");
    const waited = await c.waitForDecision(pendingAction.id, 1_000);
    expect(waited.status).toBe("pending");
    expect((await c.cancelAction(pendingAction.id)).status).toBe("cancelled");
    const bad = new RuntimeClient({ baseUrl, token: "prt_nope" });
    await expect(bad.whoami()).rejects.toSatisfy((e: unknown) => e instanceof UnauthorizedError && e.requestId !== null);
  });
});

describe("simulated runtime", () => {
  it("runs against the started gateway and its actions, outcomes, memory and heartbeat are in the database", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const { stdout } = await promisify(execFile)(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/simulate-runtime.ts", "--token", f.token, "--persona", f.personaId, "--url", baseUrl, "--count", "8", "--wait", "1", "--instance", "sim-test"],
      { cwd: root, timeout: 60_000 },
    );
    expect(stdout).toMatch(/Done: 8 proposed/);
    const rows = await handle.db
      .select({ status: s.actions.status, reasonCode: s.actions.reasonCode, key: s.actions.idempotencyKey, outcome: s.actions.outcomeStatus })
      .from(s.actions)
      .where(eq(s.actions.personaId, f.personaId));
    const sim = rows.filter((r) => r.key?.startsWith("sim-test:"));
    expect(sim).toHaveLength(8);
    const codes = new Set(sim.map((r) => r.reasonCode));
    expect(codes).toContain("policy_allow");
    expect(codes).toContain("policy_review");
    expect(codes).toContain("unknown_action");
    expect([...codes].some((c) => c === "action_denied" || c === "stage_bound" || c === "capability_disabled")).toBe(true);
    expect(sim.filter((r) => r.status === "succeeded" && r.outcome === "succeeded").length).toBeGreaterThan(0);
    const [instance] = await handle.db.select().from(s.runtimeInstances).where(eq(s.runtimeInstances.instanceId, "sim-test"));
    expect(instance).toMatchObject({ appId: f.appId, version: "simulator-1", personaIds: [f.personaId] });
    const [memory] = await handle.db.select().from(s.memoryItems).where(eq(s.memoryItems.key, "sim/last-run"));
    expect(memory!.value).toMatchObject({ runs: 1, instanceId: "sim-test" });
  });
});
