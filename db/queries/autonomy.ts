import { and, eq, gte, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import {
  autonomySuggestions,
  resolveAutonomySettings,
  type ActionRecord,
  type AutonomySettings,
  type AutonomySuggestion,
} from "../../lib/domain/autonomy";
import type { Environment, Policy, Stage } from "../../lib/domain/constants";
import type { SpaceBoundsOverride } from "../../lib/domain/stages";
import type { Executor } from "../client";
import { actions, capabilityGrants, personas, spaces } from "../schema";

const DAY_MS = 86_400_000;

/** A space's earned-autonomy settings in force (stored values, defaults for the rest). */
export async function getAutonomySettings(db: Executor, actor: Actor, spaceId: string): Promise<AutonomySettings | null> {
  const [row] = await db
    .select({ stored: spaces.autonomySettings })
    .from(spaces)
    .where(and(eq(spaces.id, spaceId), eq(spaces.tenantId, actor.tenantId)));
  return row ? resolveAutonomySettings(row.stored) : null;
}

/**
 * A persona's record per environment and action since `since`: actions reviewers approved
 * (whatever their outcome later), actions they rejected, and failed outcomes of actions the
 * policy allowed. Counted per action, by when it was decided.
 */
export async function getActionRecord(
  db: Executor,
  actor: Actor,
  spaceId: string,
  personaId: string,
  since: Date,
): Promise<ActionRecord[]> {
  const rows = await db
    .select({
      environment: actions.environment,
      actionKey: actions.actionKey,
      approvals: sql<number>`count(*) filter (where ${actions.decidedBy} = 'reviewers' and ${actions.status} in ('approved', 'succeeded', 'failed'))::int`,
      rejections: sql<number>`count(*) filter (where ${actions.status} = 'rejected')::int`,
      failedAllowed: sql<number>`count(*) filter (where ${actions.decidedBy} = 'policy' and ${actions.status} = 'failed')::int`,
    })
    .from(actions)
    .where(
      and(
        eq(actions.tenantId, actor.tenantId),
        eq(actions.spaceId, spaceId),
        eq(actions.personaId, personaId),
        gte(actions.decidedAt, since),
      ),
    )
    .groupBy(actions.environment, actions.actionKey);
  return rows
    .map((r) => ({ ...r, approvals: Number(r.approvals), rejections: Number(r.rejections), failedAllowed: Number(r.failedAllowed) }))
    .filter((r) => r.approvals + r.rejections + r.failedAllowed > 0);
}

export interface PersonaAutonomy {
  settings: AutonomySettings;
  stage: Stage;
  suggestions: AutonomySuggestion[];
}

/**
 * The earned-autonomy suggestions for one persona (the caller checked the actor may see the
 * space). Null when the persona is not in this tenant and space. Used by the persona page and,
 * inside the write transaction, by the apply mutation, so both read the same rules.
 */
export async function getPersonaAutonomy(
  db: Executor,
  actor: Actor,
  spaceId: string,
  personaId: string,
  now = new Date(),
): Promise<PersonaAutonomy | null> {
  const [p] = await db
    .select({ stage: personas.stage, override: spaces.boundsOverride, stored: spaces.autonomySettings })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.id, personaId), eq(personas.spaceId, spaceId), eq(personas.tenantId, actor.tenantId)));
  if (!p) return null;
  const settings = resolveAutonomySettings(p.stored);
  const since = new Date(now.getTime() - settings.windowDays * DAY_MS);
  const [grants, records] = await Promise.all([
    db
      .select({
        capabilityKey: capabilityGrants.capabilityKey,
        environment: capabilityGrants.environment,
        enabled: capabilityGrants.enabled,
        policies: capabilityGrants.policies,
      })
      .from(capabilityGrants)
      .where(and(eq(capabilityGrants.tenantId, actor.tenantId), eq(capabilityGrants.personaId, personaId))),
    getActionRecord(db, actor, spaceId, personaId, since),
  ]);
  const suggestions = autonomySuggestions({
    stage: p.stage,
    override: (p.override ?? null) as SpaceBoundsOverride | null,
    settings,
    grants: grants.map((g) => ({ ...g, environment: g.environment as Environment, policies: (g.policies ?? {}) as Record<string, Policy> })),
    records,
  });
  return { settings, stage: p.stage, suggestions };
}
