import { and, eq } from "drizzle-orm";
import type { Actor } from "../../lib/actor";
import { auditActor } from "../../lib/actor";
import { resolveAutonomySettings, type AutonomySettings } from "../../lib/domain/autonomy";
import type { Environment, Policy, TenantRole } from "../../lib/domain/constants";
import { NotFoundError, UserError } from "../../lib/errors";
import { recordAudit } from "../audit";
import type { Tx } from "../client";
import { getPersonaAutonomy } from "../queries/autonomy";
import { spaces } from "../schema";
import { setCapabilityGrant } from "./capabilities";

export interface ApplySuggestion {
  spaceId: string;
  personaId: string;
  environment: Environment;
  actionKey: string;
  to: Policy;
}

/**
 * Apply one earned-autonomy suggestion. The suggestion is computed again inside the transaction
 * (a stale page, a forged request or a suggestion the stage blocks changes nothing), then the
 * ordinary grant mutation writes it — so checkGrantWithinBounds still bounds it by the stage —
 * and audits `capability.policy_changed` with the evidence in `after`.
 */
export async function applyAutonomySuggestion(tx: Tx, actor: Actor, role: TenantRole, input: ApplySuggestion, now = new Date()) {
  const autonomy = await getPersonaAutonomy(tx, actor, input.spaceId, input.personaId, now);
  if (!autonomy) throw new NotFoundError("That persona");
  const s = autonomy.suggestions.find(
    (x) => x.environment === input.environment && x.actionKey === input.actionKey && x.to === input.to,
  );
  if (!s) throw new UserError("This suggestion no longer applies: the record or the policy changed. Reload the page.");
  if (s.blocked) throw new UserError(`${s.blocked}.`);
  const result = await setCapabilityGrant(tx, actor, role, {
    spaceId: input.spaceId,
    personaId: input.personaId,
    capabilityKey: s.capabilityKey,
    environment: s.environment,
    policies: { [s.actionKey]: s.to },
    auditContext: {
      autonomySuggestion: {
        actionKey: s.actionKey,
        from: s.from,
        to: s.to,
        direction: s.direction,
        evidence: s.evidence,
        settings: autonomy.settings,
        stage: autonomy.stage,
      },
    },
  });
  return { ...result, actionKey: s.actionKey, from: s.from, to: s.to };
}

/** Change a space's earned-autonomy settings; audited as `space.settings_changed`. */
export async function updateAutonomySettings(
  tx: Tx,
  actor: Actor,
  role: TenantRole,
  input: { spaceId: string } & AutonomySettings,
): Promise<AutonomySettings> {
  const [space] = await tx
    .select({ id: spaces.id, name: spaces.name, stored: spaces.autonomySettings, archivedAt: spaces.archivedAt })
    .from(spaces)
    .where(and(eq(spaces.id, input.spaceId), eq(spaces.tenantId, actor.tenantId)))
    .for("update");
  if (!space || space.archivedAt) throw new NotFoundError("That space");
  const before = resolveAutonomySettings(space.stored);
  const after: AutonomySettings = {
    approvalsToAllow: input.approvalsToAllow,
    windowDays: input.windowDays,
    rejectionsToReview: input.rejectionsToReview,
  };
  if (space.stored && JSON.stringify(before) === JSON.stringify(after)) throw new UserError("Nothing to change.");
  await tx
    .update(spaces)
    .set({ autonomySettings: { ...after }, updatedAt: new Date() })
    .where(and(eq(spaces.id, space.id), eq(spaces.tenantId, actor.tenantId)));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "space.settings_changed",
    target: { type: "space", id: space.id, label: space.name },
    spaceId: space.id,
    before: { autonomySettings: space.stored ? before : null },
    after: { autonomySettings: after },
  });
  return after;
}
