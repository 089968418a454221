/**
 * The runtime API's zod schemas: handlers parse with them and `openapi.json` is
 * generated from them (see openapi.ts), so the document cannot drift from the code.
 */
import { z } from "zod";
import { ACTION_STATUSES, ENVIRONMENTS, MEMORY_KEY_PATTERN, OUTCOME_STATUSES, PERSONA_STATUSES, POLICIES, REASON_CODES, RISKS, EFFECTS, STAGES, CAPABILITY_KINDS, DECIDED_BY } from "../../lib/domain/constants";

const Id = z.string().min(1).max(100);
const Iso = z.string().meta({ format: "date-time" });

// ── Requests ──────────────────────────────────────────────────────────────────────────────

export const ProposeActionBody = z.strictObject({
  persona: Id,
  action: z.string().min(1).max(200),
  input: z.record(z.string(), z.unknown()).default({}),
  onBehalfOf: z.string().min(1).max(200).optional(),
  reason: z.string().max(2000).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
}).meta({ id: "ProposeActionRequest" });

export const OutcomeBody = z.strictObject({
  status: z.enum(OUTCOME_STATUSES),
  output: z.record(z.string(), z.unknown()).optional(),
  error: z.string().max(4000).optional(),
}).meta({ id: "OutcomeRequest" });

export const MAX_MEMORY_VALUE_BYTES = 60 * 1024;
export const MemoryPutBody = z.strictObject({ value: z.json() }).meta({ id: "MemoryPutRequest" });

export const HeartbeatBody = z.strictObject({
  instanceId: z.string().min(1).max(200),
  version: z.string().max(100).default(""),
  personas: z.array(Id).max(100).default([]),
}).meta({ id: "HeartbeatRequest" });

export const MemoryKey = z.string().regex(MEMORY_KEY_PATTERN, "Use 1–200 characters of A-Z a-z 0-9 . _ : / -");

export const PersonaQuery = z.object({ persona: Id });
export const ListActionsQuery = z.object({
  persona: Id,
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = s.split(",").map((p) => p.trim()).filter(Boolean);
      for (const p of parts) {
        if (!(ACTION_STATUSES as readonly string[]).includes(p)) {
          ctx.addIssue({ code: "custom", message: `Unknown status "${p}"; use ${ACTION_STATUSES.join(", ")}.` });
          return z.NEVER;
        }
      }
      return parts as (typeof ACTION_STATUSES)[number][];
    })
    .meta({ description: `Comma-separated: ${ACTION_STATUSES.join(", ")}` }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const GetActionQuery = z.object({
  waitSeconds: z.coerce.number().int().min(0).max(30).default(0),
});
export const ListMemoryQuery = z.object({
  persona: Id,
  prefix: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// ── Responses ─────────────────────────────────────────────────────────────────────────────

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).meta({ id: "Problem" });

export const WhoamiResponse = z.object({
  tenant: z.object({ id: z.string(), name: z.string() }),
  space: z.object({ id: z.string(), name: z.string() }),
  app: z.object({ id: z.string(), name: z.string() }),
  environment: z.enum(ENVIRONMENTS),
  token: z.object({ name: z.string(), expiresAt: Iso.nullable(), graceEndsAt: Iso.nullable() }),
}).meta({ id: "Whoami" });

export const ManifestResponse = z.object({
  persona: z.object({ id: z.string(), name: z.string(), status: z.enum(PERSONA_STATUSES), stage: z.enum(STAGES) }),
  space: z.object({ id: z.string(), name: z.string() }),
  app: z.object({ id: z.string(), name: z.string() }),
  environment: z.enum(ENVIRONMENTS),
  capabilities: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(CAPABILITY_KINDS),
      enabled: z.boolean(),
      actions: z.array(
        z.object({
          key: z.string(),
          risk: z.enum(RISKS),
          effect: z.enum(EFFECTS),
          policy: z.enum(POLICIES),
          inputSchema: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  ),
}).meta({ id: "Manifest" });

export const ProposeActionResponse = z.object({
  id: z.string(),
  status: z.enum(["approved", "pending", "denied"]),
  reasonCode: z.enum(REASON_CODES),
  decidedBy: z.literal("policy").nullable(),
  requiredApprovals: z.number().int(),
  expiresAt: Iso.nullable(),
  createdAt: Iso,
}).meta({ id: "ProposeActionResponse" });

export const ActionView = z.object({
  id: z.string(),
  persona: z.string(),
  action: z.string(),
  status: z.enum(ACTION_STATUSES),
  reasonCode: z.enum(REASON_CODES),
  decidedBy: z.enum(DECIDED_BY).nullable(),
  requiredApprovals: z.number().int(),
  reviews: z.array(z.object({ decision: z.enum(["approve", "reject"]), comment: z.string().nullable(), at: Iso })),
  decidedAt: Iso.nullable(),
  expiresAt: Iso.nullable(),
  outcome: z.object({ status: z.enum(OUTCOME_STATUSES), at: Iso }).nullable(),
  createdAt: Iso,
}).meta({ id: "Action" });

export const ActionList = z.object({ items: z.array(ActionView), nextCursor: z.string().nullable() }).meta({ id: "ActionList" });

export const MemoryItem = z.object({ key: z.string(), value: z.unknown(), version: z.number().int(), updatedAt: Iso }).meta({ id: "MemoryItem" });
export const MemoryList = z.object({ items: z.array(MemoryItem), nextCursor: z.string().nullable() }).meta({ id: "MemoryList" });

export const HeartbeatResponse = z.object({
  personas: z.array(z.object({ id: z.string(), status: z.enum(PERSONA_STATUSES), manifestEtag: z.string() })),
}).meta({ id: "HeartbeatResponse" });

// ── Route table (drives openapi.json) ────────────────────────────────────────────────────

export interface RouteDoc {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  auth: boolean;
  query?: z.ZodObject;
  pathParams?: Record<string, z.ZodType>;
  headers?: Record<string, string>;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, { description: "Problem", schema: Problem }]));

export const ROUTES: RouteDoc[] = [
  { method: "get", path: "/whoami", summary: "The token's tenant, space, app, environment and expiry", auth: true,
    responses: { 200: { description: "Who this token is", schema: WhoamiResponse }, ...errors(401, 429) } },
  { method: "get", path: "/manifest", summary: "What a persona may do through this token, now", auth: true, query: PersonaQuery,
    headers: { "If-None-Match": "ETag of a manifest already held" },
    responses: { 200: { description: "Manifest (with ETag)", schema: ManifestResponse }, 304: { description: "Unchanged" }, ...errors(401, 404, 422, 429) } },
  { method: "post", path: "/actions", summary: "Propose an action", auth: true, body: ProposeActionBody,
    responses: { 201: { description: "Decided", schema: ProposeActionResponse }, 200: { description: "Idempotent replay (Idempotent-Replayed: true)", schema: ProposeActionResponse }, ...errors(400, 401, 404, 409, 413, 415, 422, 429) } },
  { method: "get", path: "/actions", summary: "List the persona's actions, newest first", auth: true, query: ListActionsQuery,
    responses: { 200: { description: "A page", schema: ActionList }, ...errors(401, 404, 422, 429) } },
  { method: "get", path: "/actions/{id}", summary: "One action; long-poll with waitSeconds", auth: true, query: GetActionQuery, pathParams: { id: Id },
    responses: { 200: { description: "The action", schema: ActionView }, ...errors(401, 404, 422, 429) } },
  { method: "post", path: "/actions/{id}/cancel", summary: "Withdraw a pending action", auth: true, pathParams: { id: Id },
    responses: { 200: { description: "Cancelled", schema: ActionView }, ...errors(401, 404, 409, 429) } },
  { method: "post", path: "/actions/{id}/outcome", summary: "Report the outcome of an approved action", auth: true, pathParams: { id: Id }, body: OutcomeBody,
    responses: { 200: { description: "Recorded", schema: ActionView }, ...errors(400, 401, 404, 409, 413, 415, 422, 429) } },
  { method: "get", path: "/memory", summary: "List memory items", auth: true, query: ListMemoryQuery,
    responses: { 200: { description: "A page", schema: MemoryList }, ...errors(401, 404, 422, 429) } },
  { method: "get", path: "/memory/{key}", summary: "Read a memory item", auth: true, query: PersonaQuery, pathParams: { key: MemoryKey },
    responses: { 200: { description: "The item", schema: MemoryItem }, ...errors(401, 404, 422, 429) } },
  { method: "put", path: "/memory/{key}", summary: "Write a memory item", auth: true, query: PersonaQuery, pathParams: { key: MemoryKey }, body: MemoryPutBody,
    headers: { "If-Match": "The version the write replaces" },
    responses: { 200: { description: "The item", schema: MemoryItem }, ...errors(400, 401, 403, 404, 412, 413, 415, 422, 429) } },
  { method: "delete", path: "/memory/{key}", summary: "Delete a memory item", auth: true, query: PersonaQuery, pathParams: { key: MemoryKey },
    headers: { "If-Match": "The version to delete" },
    responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404, 412, 422, 429) } },
  { method: "post", path: "/heartbeat", summary: "Report a live runtime instance", auth: true, body: HeartbeatBody,
    responses: { 200: { description: "Persona statuses and manifest ETags", schema: HeartbeatResponse }, ...errors(400, 401, 413, 415, 422, 429) } },
  { method: "get", path: "/openapi.json", summary: "This document", auth: false, responses: { 200: { description: "OpenAPI 3.1" } } },
];
