import { and, eq } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import { getCapability } from "../../lib/domain/catalog";
import type { Environment, Policy, TenantRole } from "../../lib/domain/constants";
import { checkGrantWithinBounds, suggestedGrantPolicies, type SpaceBoundsOverride } from "../../lib/domain/stages";
import { NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { capabilityGrants, connections, personas, spaces } from "../schema";

export interface GrantChange {
  spaceId: string;
  personaId: string;
  capabilityKey: string;
  environment: Environment;
  /** Turn the capability on or off in this environment; omitted = keep as is. */
  enabled?: boolean;
  /** Action policies to change (actionKey → policy); others keep their stored value. */
  policies?: Record<string, Policy>;
  /** Why the policies change (e.g. an earned-autonomy suggestion's evidence); kept in the audit event's `after`. */
  auditContext?: Record<string, unknown>;
}

async function loadContext(tx: Tx, actor: Actor, spaceId: string, personaId: string) {
  const [row] = await tx
    .select({
      personaId: personas.id,
      personaName: personas.name,
      stage: personas.stage,
      environments: spaces.environments,
      boundsOverride: spaces.boundsOverride,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.id, personaId), eq(personas.spaceId, spaceId), eq(personas.tenantId, actor.tenantId)))
    .for("update", { of: personas });
  if (!row) throw new NotFoundError("That persona");
  return row;
}

/**
 * Enable/disable a capability for a persona in one environment and/or change action policies.
 * Refuses (writing nothing) an environment the space does not allow, anything above the stage
 * bounds (checkGrantWithinBounds's message names the bound and the stage), and enabling a
 * connected capability without a connection of its type for that environment.
 */
export async function setCapabilityGrant(tx: Tx, actor: Actor, role: TenantRole, input: GrantChange) {
  const ctx = await loadContext(tx, actor, input.spaceId, input.personaId);
  const capability = getCapability(input.capabilityKey);
  if (!capability) throw new UserError(`Unknown capability "${input.capabilityKey}".`);
  if (!ctx.environments.includes(input.environment)) {
    throw new UserError(`This space does not touch the ${input.environment} environment.`);
  }
  const override = (ctx.boundsOverride ?? null) as SpaceBoundsOverride | null;
  const [existing] = await tx
    .select({ id: capabilityGrants.id, enabled: capabilityGrants.enabled, policies: capabilityGrants.policies })
    .from(capabilityGrants)
    .where(
      and(
        eq(capabilityGrants.tenantId, actor.tenantId),
        eq(capabilityGrants.personaId, ctx.personaId),
        eq(capabilityGrants.capabilityKey, capability.key),
        eq(capabilityGrants.environment, input.environment),
      ),
    );
  const enabled = input.enabled ?? existing?.enabled ?? false;
  const basePolicies =
    existing?.policies ??
    suggestedGrantPolicies({ capabilityKey: capability.key, stage: ctx.stage, environment: input.environment, override });
  const policies: Record<string, Policy> = { ...basePolicies, ...(input.policies ?? {}) };

  const check = checkGrantWithinBounds({
    capabilityKey: capability.key,
    environment: input.environment,
    enabled,
    policies,
    stage: ctx.stage,
    override,
  });
  if (!check.ok) throw new UserError(`${check.message}.`);

  if (enabled && !existing?.enabled && capability.kind === "connected") {
    const [conn] = await tx
      .select({ id: connections.id })
      .from(connections)
      .where(
        and(
          eq(connections.tenantId, actor.tenantId),
          eq(connections.spaceId, input.spaceId),
          eq(connections.type, capability.key),
          eq(connections.environment, input.environment),
        ),
      );
    if (!conn) {
      throw new UserError(
        `${capability.name} needs a ${capability.name} connection for ${input.environment} in this space first.`,
      );
    }
  }

  const wasEnabled = existing?.enabled ?? false;
  const beforePolicies = existing?.policies ?? null;
  if (existing && enabled === wasEnabled && JSON.stringify(beforePolicies) === JSON.stringify(policies)) {
    throw new UserError("Nothing to change.");
  }
  const now = new Date();
  let grantId: string;
  if (existing) {
    await tx
      .update(capabilityGrants)
      .set({ enabled, policies, updatedAt: now })
      .where(and(eq(capabilityGrants.id, existing.id), eq(capabilityGrants.tenantId, actor.tenantId)));
    grantId = existing.id;
  } else {
    const [row] = await tx
      .insert(capabilityGrants)
      .values({
        tenantId: actor.tenantId,
        spaceId: input.spaceId,
        personaId: ctx.personaId,
        capabilityKey: capability.key,
        environment: input.environment,
        enabled,
        policies,
      })
      .returning({ id: capabilityGrants.id });
    grantId = row!.id;
  }

  const policiesChanged = JSON.stringify(beforePolicies) !== JSON.stringify(policies) && existing !== undefined;
  const who = auditActor(actor, role);
  const target = { type: "capability_grant", id: grantId, label: `${ctx.personaName} · ${capability.name} · ${input.environment}` };
  if (enabled !== wasEnabled) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      verb: enabled ? "capability.enabled" : "capability.disabled",
      target,
      spaceId: input.spaceId,
      before: { enabled: wasEnabled, policies: beforePolicies },
      after: { enabled, policies, personaId: ctx.personaId, capabilityKey: capability.key, environment: input.environment },
    });
  }
  if (policiesChanged || (enabled === wasEnabled && !existing)) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      verb: "capability.policy_changed",
      target,
      spaceId: input.spaceId,
      before: { policies: beforePolicies },
      after: {
        policies,
        personaId: ctx.personaId,
        capabilityKey: capability.key,
        environment: input.environment,
        ...(input.auditContext ?? {}),
      },
    });
  }
  return { grantId, enabled, policies };
}

/** Bulk "disable everywhere": turn a capability off for a persona in every environment. */
export async function disableCapabilityEverywhere(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string; personaId: string; capabilityKey: string },
): Promise<{ disabled: number }> {
  const ctx = await loadContext(tx, actor, input.spaceId, input.personaId);
  const capability = getCapability(input.capabilityKey);
  if (!capability) throw new UserError(`Unknown capability "${input.capabilityKey}".`);
  const rows = await tx
    .update(capabilityGrants)
    .set({ enabled: false, updatedAt: new Date() })
    .where(
      and(
        eq(capabilityGrants.tenantId, actor.tenantId),
        eq(capabilityGrants.spaceId, input.spaceId),
        eq(capabilityGrants.personaId, ctx.personaId),
        eq(capabilityGrants.capabilityKey, capability.key),
        eq(capabilityGrants.enabled, true),
      ),
    )
    .returning({ id: capabilityGrants.id, environment: capabilityGrants.environment });
  for (const r of rows) {
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor, role),
      verb: "capability.disabled",
      target: { type: "capability_grant", id: r.id, label: `${ctx.personaName} · ${capability.name} · ${r.environment}` },
      spaceId: input.spaceId,
      before: { enabled: true },
      after: { enabled: false, bulk: true },
    });
  }
  if (rows.length === 0) throw new UserError(`${capability.name} is not enabled anywhere for ${ctx.personaName}.`);
  return { disabled: rows.length };
}
