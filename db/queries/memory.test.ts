import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeleteMemoryItemInput } from "../../app/(console)/spaces/[spaceId]/personas/inputs";
import type { Actor } from "../../lib/actor";
import { runAuthorized } from "../../lib/server/authorize";
import { getActorForUser } from "../access";
import { deleteMemoryItem } from "../mutations/personas";
import * as s from "../schema";
import { seedDemo } from "../seed";
import { makeTenant, openTestDatabase, type TestDatabase } from "../test-utils";
import { listPersonaMemory } from "./memory";

let h: TestDatabase;
const A: Record<string, Actor> = {};
let ava: { id: string; spaceId: string };
beforeAll(async () => {
  h = await openTestDatabase();
  await seedDemo(h.db);
  for (const role of ["operator", "viewer", "reviewer"]) {
    const [u] = await h.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, `${role}@acme.test`));
    A[role] = (await getActorForUser(h.db, u!.id))!;
  }
  const [row] = await h.db.select({ id: s.personas.id, spaceId: s.personas.spaceId }).from(s.personas).where(eq(s.personas.name, "Ava"));
  ava = row!;
});
afterAll(async () => {
  await h.close();
});

describe("persona memory view", () => {
  it("lists items per environment with previews; viewers get counts only", async () => {
    const full = await listPersonaMemory(h.db, A.operator!, ava.spaceId, ava.id, { withValues: true });
    expect(full.counts).toEqual({ production: 3, sandbox: 1 });
    expect(full.items.map((i) => i.key)).toContain("policy:refunds/summary");
    expect(full.items.find((i) => i.key === "policy:refunds/summary")).toMatchObject({ environment: "production", version: 7, appName: "Support API" });
    const counts = await listPersonaMemory(h.db, A.viewer!, ava.spaceId, ava.id, { withValues: false });
    expect(counts).toEqual({ counts: { production: 3, sandbox: 1 }, items: [] });
  });

  it("an operator deletes an item (audited, key only); a reviewer cannot; another tenant cannot", async () => {
    const { items } = await listPersonaMemory(h.db, A.operator!, ava.spaceId, ava.id, { withValues: true });
    const item = items.find((i) => i.key === "test:greeting")!;
    const del = (actor: Actor) =>
      runAuthorized(h.db, actor, "spaces:manage", DeleteMemoryItemInput, { spaceId: ava.spaceId, personaId: ava.id, memoryItemId: item.id }, (i, c) => deleteMemoryItem(c.tx, c.actor, c.role, i));
    expect(await del(A.reviewer!)).toEqual({ ok: false, error: "You do not have permission to do that." });
    const other = await makeTenant(h);
    expect(await del(other.actors.owner)).toMatchObject({ ok: false, error: expect.stringMatching(/not found/i) });
    expect(await del(A.operator!)).toEqual({ ok: true, data: undefined });
    expect(await h.db.select().from(s.memoryItems).where(eq(s.memoryItems.id, item.id))).toEqual([]);
    const [ev] = await h.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.verb, "memory.deleted"), eq(s.auditEvents.targetId, item.id)));
    expect(ev).toMatchObject({ targetLabel: "test:greeting" });
    expect(JSON.stringify(ev!.before)).not.toContain("I'm Ava");
  });
});
