import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../lib/actor";
import type { Stage, TenantRole } from "../../lib/domain/constants";
import { getSpaceAccess } from "../access";
import type { Executor } from "../client";
import { memberships, personas, spaces, stageChanges, users } from "../schema";

export interface RolloutView {
  persona: { id: string; name: string; stage: Stage; status: "active" | "paused"; stageEnteredAt: Date };
  space: { id: string; name: string; boundsOverride: unknown; gateThresholds: unknown };
  role: TenantRole;
  timeline: {
    id: string;
    kind: "advance" | "rollback";
    from: Stage;
    to: Stage;
    status: string;
    reason: string;
    requestedBy: string | null;
    requestedByMembershipId: string | null;
    requestedAt: Date;
    signedOffBy: string | null;
    signedOffAt: Date | null;
    signOffNote: string | null;
    override: boolean;
    overrideJustification: string | null;
    gateEvidence: unknown;
  }[];
}

const requester = alias(users, "requester");
const signer = alias(users, "signer");
const requesterM = alias(memberships, "requester_m");
const signerM = alias(memberships, "signer_m");

/** A persona's rollout: stage, space bounds and its timeline, through a space the actor can see. */
export async function getRolloutView(db: Executor, actor: Actor, personaId: string): Promise<RolloutView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(personaId)) return null;
  const [p] = await db
    .select({
      id: personas.id,
      name: personas.name,
      stage: personas.stage,
      status: personas.status,
      stageEnteredAt: personas.stageEnteredAt,
      spaceId: spaces.id,
      spaceName: spaces.name,
      boundsOverride: spaces.boundsOverride,
      gateThresholds: spaces.gateThresholds,
    })
    .from(personas)
    .innerJoin(spaces, and(eq(spaces.id, personas.spaceId), eq(spaces.tenantId, personas.tenantId)))
    .where(and(eq(personas.id, personaId), eq(personas.tenantId, actor.tenantId)));
  if (!p) return null;
  const access = await getSpaceAccess(db, actor, p.spaceId);
  if (!access) return null;
  const rows = await db
    .select({
      c: stageChanges,
      requestedBy: requester.name,
      signedOffBy: signer.name,
    })
    .from(stageChanges)
    .leftJoin(requesterM, eq(requesterM.id, stageChanges.requestedByMembershipId))
    .leftJoin(requester, eq(requester.id, requesterM.userId))
    .leftJoin(signerM, eq(signerM.id, stageChanges.signedOffByMembershipId))
    .leftJoin(signer, eq(signer.id, signerM.userId))
    .where(and(eq(stageChanges.tenantId, actor.tenantId), eq(stageChanges.personaId, p.id)))
    .orderBy(desc(stageChanges.requestedAt));
  return {
    persona: { id: p.id, name: p.name, stage: p.stage, status: p.status, stageEnteredAt: p.stageEnteredAt },
    space: { id: p.spaceId, name: p.spaceName, boundsOverride: p.boundsOverride, gateThresholds: p.gateThresholds },
    role: access.role,
    timeline: rows.map(({ c, requestedBy, signedOffBy }) => ({
      id: c.id,
      kind: c.kind,
      from: c.fromStage,
      to: c.toStage,
      status: c.status,
      reason: c.reason,
      requestedBy,
      requestedByMembershipId: c.requestedByMembershipId,
      requestedAt: c.requestedAt,
      signedOffBy,
      signedOffAt: c.signedOffAt,
      signOffNote: c.signOffNote,
      override: c.override,
      overrideJustification: c.overrideJustification,
      gateEvidence: c.gateEvidence,
    })),
  };
}
