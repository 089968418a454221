import type { AuditActor } from "./audit-chain";
import type { TenantRole } from "./domain/constants";

/** The signed-in person acting in one tenant, read from the database on every request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  membershipId: string;
  tenantId: string;
  tenantName: string;
  tenantRole: TenantRole;
}

export function auditActor(actor: Actor, role: TenantRole = actor.tenantRole): AuditActor {
  return { kind: "user", userId: actor.userId, label: actor.email, role };
}

export const SYSTEM_ACTOR: AuditActor = { kind: "system", label: "system" };
