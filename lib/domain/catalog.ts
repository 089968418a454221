/**
 * The capability catalog, as data. This module owns it: the gateway, the manifest, the console
 * and the tests read capabilities and actions only through the lookups below.
 *
 * Action keys are `<capabilityKey>.<verb>` or `<capabilityKey>.<verb_noun>`; the part before the
 * dot is always the key of the capability that owns the action (so `knowledge_search.search`,
 * not `knowledge.search`).
 */
import { z } from "zod";
import {
  BUILTIN_CAPABILITY_KEYS,
  CONNECTED_CAPABILITY_TYPES,
  MEMORY_KEY_PATTERN,
  type CapabilityKey,
  type CapabilityKind,
  type Effect,
  type Policy,
  type Risk,
} from "./constants";

export { BUILTIN_CAPABILITY_KEYS, CONNECTED_CAPABILITY_TYPES };

/**
 * Version of the catalog data. Bump it whenever a capability or action is added, removed, or
 * changes risk, effect or input schema (manifests and their ETags depend on it).
 */
export const CATALOG_VERSION = "2025-01.1";

/** One thing a capability lets a persona do. */
export interface CatalogAction {
  /** `<capabilityKey>.<verb_noun>`, e.g. `crm.update_contact`. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly risk: Risk;
  readonly effect: Effect;
  /** Shape of the action's `input`; absent when the action takes free-form input. */
  readonly inputSchema?: z.ZodObject;
}

/** A capability: built-in (shipped by the product) or connected (needs a Connection). */
export interface Capability {
  readonly key: CapabilityKey;
  readonly name: string;
  readonly kind: CapabilityKind;
  readonly description: string;
  readonly actions: readonly CatalogAction[];
}

/** An action together with the capability that owns it. */
export interface CatalogActionRef {
  readonly action: CatalogAction;
  readonly capability: Capability;
}

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);
const memoryKey = z.string().regex(MEMORY_KEY_PATTERN, "Use 1–200 characters of A-Z a-z 0-9 . _ : / -");
const id = nonEmpty(200);

const CAPABILITIES: readonly Capability[] = [
  // ── Built-in ────────────────────────────────────────────────────────────────────────────
  {
    key: "memory",
    name: "Memory",
    kind: "builtin",
    description: "Continuity: key/value state the persona keeps per environment.",
    actions: [
      {
        key: "memory.read",
        name: "Read memory",
        description: "Read a remembered value.",
        risk: "low",
        effect: "read",
        inputSchema: z.object({ key: memoryKey }),
      },
      {
        key: "memory.write",
        name: "Write memory",
        description: "Remember a value under a key.",
        risk: "low",
        effect: "write",
        inputSchema: z.object({ key: memoryKey, value: z.unknown() }),
      },
      {
        key: "memory.delete",
        name: "Forget memory",
        description: "Forget a remembered value.",
        risk: "low",
        effect: "write",
        inputSchema: z.object({ key: memoryKey }),
      },
    ],
  },
  {
    key: "planning",
    name: "Planning",
    kind: "builtin",
    description: "Break goals into plans the persona follows over time.",
    actions: [
      {
        key: "planning.list_plans",
        name: "List plans",
        description: "Read the persona's current plans.",
        risk: "low",
        effect: "read",
      },
      {
        key: "planning.create_plan",
        name: "Create plan",
        description: "Record a new plan with its steps.",
        risk: "low",
        effect: "write",
        inputSchema: z.object({
          goal: nonEmpty(500),
          steps: z.array(nonEmpty(500)).max(50).optional(),
        }),
      },
    ],
  },
  {
    key: "scheduling",
    name: "Scheduling",
    kind: "builtin",
    description: "Schedule the persona's own follow-up work.",
    actions: [
      {
        key: "scheduling.list_tasks",
        name: "List scheduled tasks",
        description: "Read the tasks the persona has scheduled.",
        risk: "low",
        effect: "read",
      },
      {
        key: "scheduling.schedule_task",
        name: "Schedule task",
        description: "Schedule a task to run at a later time.",
        risk: "medium",
        effect: "write",
        inputSchema: z.object({
          title: nonEmpty(200),
          runAt: z.iso.datetime({ offset: true }),
          payload: z.record(z.string(), z.unknown()).optional(),
        }),
      },
      {
        key: "scheduling.cancel_task",
        name: "Cancel scheduled task",
        description: "Cancel a task the persona scheduled.",
        risk: "low",
        effect: "write",
        inputSchema: z.object({ taskId: id }),
      },
    ],
  },
  {
    key: "messaging",
    name: "Messaging",
    kind: "builtin",
    description: "Talk to end users inside the product the persona is embedded in.",
    actions: [
      {
        key: "messaging.read_conversation",
        name: "Read conversation",
        description: "Read the messages of a conversation.",
        risk: "low",
        effect: "read",
        inputSchema: z.object({ conversationId: id }),
      },
      {
        key: "messaging.send_message",
        name: "Send message",
        description: "Send a message to an end user in the product.",
        risk: "medium",
        effect: "write",
        inputSchema: z.object({ to: id, text: nonEmpty(10_000) }),
      },
    ],
  },
  {
    key: "knowledge_search",
    name: "Knowledge search",
    kind: "builtin",
    description: "Search the knowledge sources attached to the space.",
    actions: [
      {
        key: "knowledge_search.search",
        name: "Search knowledge",
        description: "Search the attached knowledge sources.",
        risk: "low",
        effect: "read",
        inputSchema: z.object({
          query: nonEmpty(1_000),
          limit: z.number().int().min(1).max(50).optional(),
        }),
      },
    ],
  },
  // ── Connected ───────────────────────────────────────────────────────────────────────────
  {
    key: "crm",
    name: "CRM",
    kind: "connected",
    description: "Customer records in the connected CRM.",
    actions: [
      {
        key: "crm.lookup_contact",
        name: "Look up contact",
        description: "Find one contact by id, email or name.",
        risk: "low",
        effect: "read",
        inputSchema: z.object({ query: nonEmpty(500) }),
      },
      {
        key: "crm.update_contact",
        name: "Update contact",
        description: "Change fields of one contact.",
        risk: "medium",
        effect: "write",
        inputSchema: z.object({ contactId: id, fields: z.record(z.string(), z.unknown()) }),
      },
      {
        key: "crm.export_contacts",
        name: "Export contacts",
        description: "Read many contacts at once (bulk personal data).",
        risk: "high",
        effect: "read",
        inputSchema: z.object({ segment: nonEmpty(200).optional() }),
      },
      {
        key: "crm.delete_contact",
        name: "Delete contact",
        description: "Delete one contact permanently.",
        risk: "high",
        effect: "write",
        inputSchema: z.object({ contactId: id }),
      },
    ],
  },
  {
    key: "ticketing",
    name: "Ticketing",
    kind: "connected",
    description: "Support tickets in the connected help desk.",
    actions: [
      {
        key: "ticketing.lookup_ticket",
        name: "Look up ticket",
        description: "Read one ticket by id.",
        risk: "low",
        effect: "read",
        inputSchema: z.object({ ticketId: id }),
      },
      {
        key: "ticketing.list_tickets",
        name: "List tickets",
        description: "Search and read tickets across customers.",
        risk: "medium",
        effect: "read",
        inputSchema: z.object({ query: nonEmpty(500).optional() }),
      },
      {
        key: "ticketing.create_ticket",
        name: "Create ticket",
        description: "Open a new ticket.",
        risk: "medium",
        effect: "write",
        inputSchema: z.object({
          title: nonEmpty(300),
          description: nonEmpty(20_000),
          priority: z.enum(["low", "normal", "high", "urgent"]).optional(),
        }),
      },
      {
        key: "ticketing.close_ticket",
        name: "Close ticket",
        description: "Close a ticket with a resolution.",
        risk: "medium",
        effect: "write",
        inputSchema: z.object({ ticketId: id, resolution: nonEmpty(5_000) }),
      },
    ],
  },
  {
    key: "email",
    name: "Email",
    kind: "connected",
    description: "A mailbox reached through the connected email provider.",
    actions: [
      {
        key: "email.read_inbox",
        name: "Read inbox",
        description: "Read messages in the connected mailbox.",
        risk: "medium",
        effect: "read",
        inputSchema: z.object({
          query: nonEmpty(500).optional(),
          limit: z.number().int().min(1).max(100).optional(),
        }),
      },
      {
        key: "email.send",
        name: "Send email",
        description: "Send an email from the connected mailbox.",
        risk: "high",
        effect: "write",
        inputSchema: z.object({ to: z.email(), subject: nonEmpty(998), body: nonEmpty(50_000) }),
      },
    ],
  },
  {
    key: "calendar",
    name: "Calendar",
    kind: "connected",
    description: "Events in the connected calendar.",
    actions: [
      {
        key: "calendar.read_events",
        name: "Read events",
        description: "Read events in a time range.",
        risk: "low",
        effect: "read",
        inputSchema: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
      },
      {
        key: "calendar.create_event",
        name: "Create event",
        description: "Create an event and invite attendees.",
        risk: "medium",
        effect: "write",
        inputSchema: z.object({
          title: nonEmpty(300),
          start: z.iso.datetime({ offset: true }),
          end: z.iso.datetime({ offset: true }),
          attendees: z.array(z.email()).max(100).optional(),
        }),
      },
    ],
  },
  {
    key: "webhook",
    name: "Webhook",
    kind: "connected",
    description: "Posts to the URL configured on the webhook connection.",
    actions: [
      {
        key: "webhook.post",
        name: "Post webhook",
        description: "Send an event to the connection's configured URL (never a URL from input).",
        risk: "high",
        effect: "write",
        inputSchema: z.object({ event: nonEmpty(200), payload: z.record(z.string(), z.unknown()) }),
      },
    ],
  },
];

const CAPABILITY_BY_KEY: ReadonlyMap<string, Capability> = new Map(CAPABILITIES.map((c) => [c.key, c]));

const ACTION_BY_KEY: ReadonlyMap<string, CatalogActionRef> = new Map(
  CAPABILITIES.flatMap((capability) =>
    capability.actions.map((action) => [action.key, { action, capability }] as const),
  ),
);

/** All capabilities, built-in first, in catalog order. */
export function listCapabilities(): readonly Capability[] {
  return CAPABILITIES;
}

/** Every action of the catalog with its capability, in catalog order. */
export function listCatalogActions(): readonly CatalogActionRef[] {
  return [...ACTION_BY_KEY.values()];
}

/** The capability with this key, or undefined. Never matches prototype keys. */
export function getCapability(key: string): Capability | undefined {
  return CAPABILITY_BY_KEY.get(key);
}

/** The action with this key and its capability, or undefined when it is not in the catalog. */
export function getCatalogAction(actionKey: string): CatalogActionRef | undefined {
  return ACTION_BY_KEY.get(actionKey);
}

/**
 * The policy a capability grant implies for an action it does not list explicitly:
 * `allow` for low-risk reads, `review` for everything else. Never looser than the catalog
 * would suggest; the stage ceiling still caps it.
 */
export function defaultActionPolicy(action: { readonly risk: Risk; readonly effect: Effect }): Policy {
  return action.risk === "low" && action.effect === "read" ? "allow" : "review";
}

/** A JSON Schema object (draft 2020-12) as produced by `z.toJSONSchema`. */
export type JsonSchema = Record<string, unknown>;

const jsonSchemaCache = new Map<string, JsonSchema>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The JSON Schema (draft 2020-12, input side) of an action's `input`, or undefined when the
 * action is unknown or takes free-form input. The result is cached and frozen.
 */
export function actionInputJsonSchema(actionKey: string): JsonSchema | undefined {
  const cached = jsonSchemaCache.get(actionKey);
  if (cached) return cached;
  const schema = getCatalogAction(actionKey)?.action.inputSchema;
  if (!schema) return undefined;
  const json = deepFreeze(z.toJSONSchema(schema, { io: "input" }) as JsonSchema);
  jsonSchemaCache.set(actionKey, json);
  return json;
}

/** One input problem; `path` starts with `input` (`input.to`, `input.attendees.0`). */
export interface InputError {
  readonly path: string;
  readonly message: string;
}

/** Result of {@link validateActionInput}. */
export type ActionInputValidation =
  | { readonly ok: true }
  | { readonly ok: false; readonly errors: readonly InputError[] };

function inputPath(path: readonly PropertyKey[]): string {
  return ["input", ...path.map(String)].join(".");
}

/**
 * Checks a proposed action's `input` against the action's input schema.
 * Unknown actions and actions without a schema are `{ ok: true }`: an unknown action is not an
 * input error but a decision (`unknown_action`, see decide.ts). Extra keys are allowed.
 */
export function validateActionInput(actionKey: string, input: unknown): ActionInputValidation {
  const schema = getCatalogAction(actionKey)?.action.inputSchema;
  if (!schema) return { ok: true };
  const result = schema.safeParse(input, {
    error: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "Required" : undefined),
  });
  if (result.success) return { ok: true };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: inputPath(issue.path), message: issue.message })),
  };
}
