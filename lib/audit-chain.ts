import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import type { ActorKind, TenantRole } from "./domain/constants";
import type { AuditVerb } from "./audit-verbs";

/** The hash before a tenant's first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditActor {
  kind: ActorKind;
  userId?: string | null;
  tokenId?: string | null;
  /** Email, token name or "system", as it was when the event was written. */
  label: string;
  role?: TenantRole | null;
}

export interface AuditTarget {
  type: string;
  id?: string | null;
  label?: string | null;
}

/** The fields an audit event's hash covers, in the form they are stored. */
export interface AuditPayload {
  v: 1;
  tenantId: string;
  seq: number;
  at: string;
  actor: AuditActor;
  verb: AuditVerb;
  target: AuditTarget;
  spaceId: string | null;
  before: unknown;
  after: unknown;
}

export function payloadText(p: AuditPayload): string {
  return canonicalJson(p);
}

export function chainHash(prevHash: string, payload: string): string {
  return createHash("sha256").update(prevHash).update("\n").update(payload).digest("hex");
}

const SECRET_KEY =
  /^(password|passwordhash|secret|credentials?|token|tokenhash|apikey|authorization|ciphertext|credentialsciphertext)$|(secret|password)$/i;

/** Replace secret-looking members with "[redacted]" before they reach the audit log. */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v);
    }
    return out;
  }
  return value;
}

/** A stored event as the verifier reads it. */
export interface StoredAuditEvent {
  id: string;
  tenantId: string;
  seq: number;
  at: Date;
  actorKind: ActorKind;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  actorRole: TenantRole | null;
  verb: AuditVerb;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  spaceId: string | null;
  before: unknown;
  after: unknown;
  payload: string;
  prevHash: string;
  hash: string;
}

export type ChainBreakReason =
  | "sequence_gap"
  | "previous_hash_mismatch"
  | "hash_mismatch"
  | "payload_mismatch"
  | "head_mismatch";

export interface ChainBreak {
  seq: number;
  eventId: string | null;
  reason: ChainBreakReason;
  message: string;
  /** The stored row at the break, to name it: verb, target and time. */
  event?: { verb: string; target: string; at: string };
}

/**
 * Walks a tenant's events in stored seq order and stops at the first broken link.
 * Detects a changed event (hash or column/payload mismatch), a deleted one
 * (a gap in seq, or a previous hash that does not match) and reordered ones.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;
  broken: ChainBreak | null = null;

  /** Returns false once a break is found. */
  push(e: StoredAuditEvent): boolean {
    if (this.broken) return false;
    const brk = (reason: ChainBreakReason, message: string) => {
      const target = [e.targetType.replace(/_/g, " "), e.targetLabel].filter(Boolean).join(" ");
      this.broken = { seq: e.seq, eventId: e.id, reason, message, event: { verb: e.verb, target, at: new Date(e.at).toISOString() } };
      return false;
    };
    if (e.seq !== this.expectedSeq) {
      return brk(
        "sequence_gap",
        `Event #${e.seq} follows #${this.expectedSeq - 1}: event #${this.expectedSeq} is missing or out of order.`,
      );
    }
    if (e.prevHash !== this.prevHash) {
      return brk(
        "previous_hash_mismatch",
        `Event #${e.seq} does not link to the event before it (previous hash differs).`,
      );
    }
    if (chainHash(e.prevHash, e.payload) !== e.hash) {
      return brk("hash_mismatch", `Event #${e.seq} was changed after it was written (hash differs).`);
    }
    if (!payloadMatchesRow(e)) {
      return brk(
        "payload_mismatch",
        `Event #${e.seq}'s stored columns differ from its signed payload.`,
      );
    }
    this.prevHash = e.hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return true;
  }

  /** Compare with the chain head: a deleted last event shows here. */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.broken) return this.broken;
    const lastSeq = this.expectedSeq - 1;
    if (head && (head.seq !== lastSeq || head.hash !== this.prevHash)) {
      this.broken = {
        seq: lastSeq + 1,
        eventId: null,
        reason: "head_mismatch",
        message: `The chain head says ${head.seq} events, but ${lastSeq} verify: events after #${lastSeq} are missing.`,
      };
    }
    return this.broken;
  }
}

function payloadMatchesRow(e: StoredAuditEvent): boolean {
  let p: AuditPayload;
  try {
    p = JSON.parse(e.payload) as AuditPayload;
  } catch {
    return false;
  }
  const fromRow: AuditPayload = {
    v: 1,
    tenantId: e.tenantId,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: {
      kind: e.actorKind,
      userId: e.actorUserId,
      tokenId: e.actorTokenId,
      label: e.actorLabel,
      role: e.actorRole,
    },
    verb: e.verb,
    target: { type: e.targetType, id: e.targetId, label: e.targetLabel },
    spaceId: e.spaceId,
    before: e.before,
    after: e.after,
  };
  return canonicalJson(fromRow) === canonicalJson(p);
}

export function verifyEvents(
  events: Iterable<StoredAuditEvent>,
  head: { seq: number; hash: string } | null,
): { ok: boolean; checked: number; firstBroken: ChainBreak | null } {
  const v = new ChainVerifier();
  for (const e of events) if (!v.push(e)) break;
  const firstBroken = v.finish(head);
  return { ok: !firstBroken, checked: v.checked, firstBroken };
}
