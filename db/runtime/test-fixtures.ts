/** TEST ONLY: rows for runtime gateway tests, inserted directly. */
import { eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Environment, Policy, Stage } from "../../lib/domain/constants";
import { generateToken } from "../../lib/runtime/tokens";
import type { DbHandle } from "../client";
import { makeTenant } from "../test-utils";
import * as s from "../schema";

export interface RuntimeFixture {
  tenantId: string;
  spaceId: string;
  appId: string;
  otherAppId: string;
  personaId: string;
  token: string;
  tokenId: string;
  actors: Awaited<ReturnType<typeof makeTenant>>["actors"];
}

export async function makeRuntimeFixture(
  handle: DbHandle,
  opts: { environments?: Environment[]; environment?: Environment; stage?: Stage; reviewTtlSeconds?: number } = {},
): Promise<RuntimeFixture> {
  const db = handle.db;
  const { tenantId, actors } = await makeTenant(handle);
  const [space] = await db
    .insert(s.spaces)
    .values({
      tenantId,
      name: `Space ${uuidv7().slice(-6)}`,
      environments: opts.environments ?? ["sandbox", "staging", "production"],
      reviewTtlSeconds: opts.reviewTtlSeconds ?? 3600,
    })
    .returning({ id: s.spaces.id });
  const [app] = await db.insert(s.apps).values({ tenantId, spaceId: space!.id, name: "Support API", kind: "api" }).returning({ id: s.apps.id });
  const [other] = await db.insert(s.apps).values({ tenantId, spaceId: space!.id, name: "Widget", kind: "web_widget" }).returning({ id: s.apps.id });
  const f = { tenantId, spaceId: space!.id, appId: app!.id, otherAppId: other!.id, actors } as RuntimeFixture;
  f.personaId = await makePersona(handle, f, { stage: opts.stage ?? "pilot" });
  const t = await issueToken(handle, f, { environment: opts.environment ?? "sandbox" });
  f.token = t.token;
  f.tokenId = t.tokenId;
  return f;
}

export async function makePersona(
  handle: DbHandle,
  f: Pick<RuntimeFixture, "tenantId" | "spaceId" | "appId">,
  opts: { stage?: Stage; status?: "active" | "paused"; appIds?: string[] } = {},
): Promise<string> {
  const [p] = await handle.db
    .insert(s.personas)
    .values({ tenantId: f.tenantId, spaceId: f.spaceId, name: `Ava ${uuidv7().slice(-4)}`, stage: opts.stage ?? "pilot", status: opts.status ?? "active" })
    .returning({ id: s.personas.id });
  for (const appId of opts.appIds ?? [f.appId]) {
    await handle.db.insert(s.personaApps).values({ tenantId: f.tenantId, spaceId: f.spaceId, personaId: p!.id, appId });
  }
  return p!.id;
}

export async function setGrant(
  handle: DbHandle,
  f: Pick<RuntimeFixture, "tenantId" | "spaceId">,
  personaId: string,
  capabilityKey: string,
  environment: Environment,
  enabled: boolean,
  policies: Record<string, Policy> = {},
): Promise<void> {
  await handle.db
    .insert(s.capabilityGrants)
    .values({ tenantId: f.tenantId, spaceId: f.spaceId, personaId, capabilityKey, environment, enabled, policies })
    .onConflictDoUpdate({
      target: [s.capabilityGrants.personaId, s.capabilityGrants.capabilityKey, s.capabilityGrants.environment],
      set: { enabled, policies },
    });
}

export async function issueToken(
  handle: DbHandle,
  f: Pick<RuntimeFixture, "tenantId" | "spaceId" | "appId">,
  opts: { environment?: Environment; appId?: string; expiresAt?: Date | null; name?: string } = {},
): Promise<{ token: string; tokenId: string }> {
  const t = generateToken();
  const [row] = await handle.db
    .insert(s.runtimeTokens)
    .values({
      tenantId: f.tenantId,
      spaceId: f.spaceId,
      appId: opts.appId ?? f.appId,
      environment: opts.environment ?? "sandbox",
      name: opts.name ?? "test token",
      prefix: t.prefix,
      tokenHash: t.hash,
      expiresAt: opts.expiresAt ?? null,
    })
    .returning({ id: s.runtimeTokens.id });
  return { token: t.token, tokenId: row!.id };
}

export async function revokeTokenRow(handle: DbHandle, tokenId: string): Promise<void> {
  await handle.db.update(s.runtimeTokens).set({ revokedAt: new Date() }).where(eq(s.runtimeTokens.id, tokenId));
}

export async function setPersona(handle: DbHandle, personaId: string, set: { status?: "active" | "paused"; stage?: Stage }): Promise<void> {
  await handle.db.update(s.personas).set(set).where(eq(s.personas.id, personaId));
}
