"use server";
import { recordAudit, verifyAuditChain } from "@/db/audit";
import { auditActor } from "@/lib/actor";
import { authorizedAction } from "@/lib/server/authorized-action";
import { VerifyChainInput } from "./inputs";

/** Owners verify the tenant's audit chain; the verification is itself audited. */
export const verifyChain = authorizedAction("audit:verify", VerifyChainInput, async (_input, { actor, role, tx }) => {
  const result = await verifyAuditChain(tx, actor.tenantId);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actor: auditActor(actor, role),
    verb: "audit.verified",
    target: { type: "tenant", id: actor.tenantId, label: actor.tenantName },
    after: { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken },
  });
  return result;
});
