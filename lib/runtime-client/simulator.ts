/**
 * A simulated Persona runtime built on the typed client: heartbeats, reads the manifest,
 * proposes a realistic stream of actions across its capabilities (some auto-allowed,
 * some needing review, some denied), waits for decisions, reports outcomes, keeps memory.
 */
import { randomUUID } from "node:crypto";
import { ForbiddenError, RuntimeClient, type Manifest, type ManifestAction, type RuntimeAction } from "./index";

export interface SimulationOptions {
  baseUrl: string;
  token: string;
  personaId: string;
  /** How many actions to propose (default 8). */
  count?: number;
  /** How long to wait for a reviewer on each pending action (default 5 s). */
  decisionTimeoutMs?: number;
  instanceId?: string;
  log?: (line: string) => void;
  fetch?: typeof fetch;
}

export interface SimulationResult {
  proposed: { id: string; action: string; status: string; reasonCode: string }[];
  outcomes: number;
  memoryWrites: number;
}

/** Realistic inputs for well-known actions; others are built from the action's inputSchema. */
export const SAMPLE_INPUTS: Record<string, () => Record<string, unknown>> = {
  "memory.read": () => ({ key: "customer:42/preferences" }),
  "memory.write": () => ({ key: "customer:42/preferences", value: { channel: "email", language: "en" } }),
  "knowledge_search.search": () => ({ query: "How do I reset my password?", limit: 5 }),
  "messaging.read_conversation": () => ({ conversationId: "conv_1042" }),
  "messaging.send_message": () => ({ to: "customer-42", text: "I have reset your password; check your inbox." }),
  "crm.lookup_contact": () => ({ query: "ada@example.com" }),
  "crm.update_contact": () => ({ contactId: "c_42", fields: { phone: "+44 20 7946 0000" } }),
  "planning.create_plan": () => ({ goal: "Follow up with the customer about the refund", steps: ["Check refund status", "Email the customer"] }),
  "scheduling.schedule_task": () => ({ title: "Follow up on ticket 1042", runAt: new Date(Date.now() + 86_400_000).toISOString() }),
};

/** A value that satisfies a (simple) JSON Schema: required properties only. */
export function sampleFromSchema(schema: Record<string, unknown>, name = "value"): unknown {
  const type = schema.type;
  if (type === "object" || schema.properties) {
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const required = (schema.required ?? []) as string[];
    return Object.fromEntries(required.map((k) => [k, sampleFromSchema(props[k] ?? {}, k)]));
  }
  if (type === "string") {
    if (schema.format === "date-time") return new Date(Date.now() + 3_600_000).toISOString();
    if (schema.format === "email") return "customer@example.com";
    if (typeof schema.pattern === "string") return "sim.key";
    return `Simulated ${name}`;
  }
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  if (type === "array") return [];
  if (Array.isArray(schema.enum)) return schema.enum[0];
  return `Simulated ${name}`;
}

function inputFor(a: ManifestAction): Record<string, unknown> {
  const fixed = SAMPLE_INPUTS[a.key];
  if (fixed) return fixed();
  const v = sampleFromSchema(a.inputSchema);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A stream mixing allowed, reviewed and denied actions (plus one the catalog does not know). */
function pickActions(m: Manifest, count: number): { key: string; input: Record<string, unknown> }[] {
  const all = m.capabilities.flatMap((c) => c.actions);
  const by = (p: string) => all.filter((a) => a.policy === p);
  const pools = [by("allow"), by("review"), by("deny")].filter((p) => p.length > 0);
  const out: { key: string; input: Record<string, unknown> }[] = [];
  for (let i = 0; out.length < count && pools.length > 0; i++) {
    const pool = pools[i % pools.length]!;
    const a = pool[Math.floor(i / pools.length) % pool.length]!;
    out.push({ key: a.key, input: inputFor(a) });
  }
  if (count > 2) out[out.length - 1] = { key: "teleport.customer", input: {} }; // an attempt outside the catalog
  return out;
}

export async function runSimulation(o: SimulationOptions): Promise<SimulationResult> {
  const log = o.log ?? (() => {});
  const client = new RuntimeClient({ baseUrl: o.baseUrl, token: o.token, fetch: o.fetch });
  const instanceId = o.instanceId ?? `sim-${randomUUID().slice(0, 8)}`;
  const who = await client.whoami();
  log(`Connected as "${who.token.name}": ${who.tenant.name} / ${who.space.name} / ${who.app.name} (${who.environment})`);
  const hb = await client.heartbeat({ instanceId, version: "simulator-1", personas: [o.personaId] });
  log(`Heartbeat: ${hb.personas.map((p) => `${p.id} ${p.status}`).join(", ") || "persona not visible"}`);
  const m = await client.manifest(o.personaId);
  if (m.notModified) throw new Error("unexpected 304 without an ETag");
  const manifest = m.manifest;
  log(`Manifest for ${manifest.persona.name} (${manifest.persona.status}, ${manifest.persona.stage}): ${manifest.capabilities.filter((c) => c.enabled).map((c) => c.key).join(", ") || "no capability enabled"}`);

  const result: SimulationResult = { proposed: [], outcomes: 0, memoryWrites: 0 };
  const pending: string[] = [];
  for (const step of pickActions(manifest, o.count ?? 8)) {
    const { action } = await client.proposeAction({
      persona: o.personaId,
      action: step.key,
      input: step.input,
      onBehalfOf: "customer-42",
      reason: "Simulated runtime",
      idempotencyKey: `${instanceId}:${result.proposed.length}`,
    });
    log(`  ${step.key.padEnd(30)} → ${action.status} (${action.reasonCode})`);
    result.proposed.push({ id: action.id, action: step.key, status: action.status, reasonCode: action.reasonCode });
    if (action.status === "approved") {
      await client.reportOutcome(action.id, { status: "succeeded", output: { simulated: true } });
      result.outcomes++;
    } else if (action.status === "pending") {
      pending.push(action.id);
    }
  }
  const decided: RuntimeAction[] = await Promise.all(pending.map((id) => client.waitForDecision(id, o.decisionTimeoutMs ?? 5_000)));
  for (const a of decided) {
    if (a.status === "approved") {
      await client.reportOutcome(a.id, { status: "succeeded", output: { simulated: true } });
      result.outcomes++;
      log(`  ${a.action} approved by reviewers → outcome reported`);
    } else {
      log(`  ${a.action} is ${a.status}${a.status === "pending" ? " (still waiting for a reviewer)" : ""}`);
    }
  }
  try {
    const prev = await client.memory.get<{ runs: number }>(o.personaId, "sim/last-run");
    await client.memory.put(o.personaId, "sim/last-run", { runs: (prev?.value.runs ?? 0) + 1, at: new Date().toISOString(), instanceId }, prev ? { ifMatch: prev.version } : {});
    result.memoryWrites++;
    log(`Memory: sim/last-run written`);
  } catch (e) {
    if (e instanceof ForbiddenError) log(`Memory: not written (${e.problem.detail})`);
    else throw e;
  }
  return result;
}
