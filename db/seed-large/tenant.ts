/**
 * A large tenant for load checks: two spaces, twenty personas and `pending` actions waiting for
 * review (100,000 by default), inserted with INSERT … SELECT generate_series in batches, the way
 * the gateway would have stored them (same columns, statuses, reason codes and required
 * approvals). With `withAudit` (the default) every action also gets its `action.proposed` audit
 * event by its app's runtime token, chained like any other, so the tenant's chain verifies.
 *
 * Used by `npm run seed:large` (scripts/seed-large.ts) and the review benchmark (bench/reviews.ts).
 */
import { asc, eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Actor } from "../../lib/actor";
import { hashPassword } from "../../lib/auth/password";
import type { TenantRole } from "../../lib/domain/constants";
import { generateToken } from "../../lib/runtime/tokens";
import { appendAuditEvents, recordAudit, type AuditInput } from "../audit";
import type { Db } from "../client";
import * as s from "../schema";

/** The actions the load proposes, in rotation (key, capability, risk, effect, approvals needed). */
const KEYS = [
  ["planning.create_plan", "planning", "low", "write", 1],
  ["memory.write", "memory", "low", "write", 1],
  ["crm.update_contact", "crm", "medium", "write", 1],
  ["ticketing.create_ticket", "ticketing", "medium", "write", 1],
  ["email.send", "email", "high", "write", 2],
  ["crm.export_contacts", "crm", "high", "read", 1],
  ["scheduling.schedule_task", "scheduling", "medium", "write", 1],
] as const;

export interface LargeTenant {
  tenantId: string;
  tenantName: string;
  spaces: { id: string; name: string; personas: number }[];
  actors: Record<"owner" | "reviewer" | "reviewer2", Actor>;
  pending: number;
  password: string;
}

export interface SeedLargeOptions {
  pending?: number;
  /** Write each action's `action.proposed` audit event (default true). */
  withAudit?: boolean;
  /** Email domain of the tenant's people (default `large-<random>.test`). */
  domain?: string;
  name?: string;
  password?: string;
  batch?: number;
  log?: (line: string) => void;
}

export async function seedLargeTenant(db: Db, opts: SeedLargeOptions = {}): Promise<LargeTenant> {
  const pending = opts.pending ?? 100_000;
  const batch = opts.batch ?? 20_000;
  const log = opts.log ?? (() => {});
  const suffix = uuidv7().slice(-8);
  const domain = opts.domain ?? `large-${suffix}.test`;
  const tenantName = opts.name ?? `Large Corp ${suffix}`;
  const password = opts.password ?? "persona-demo";
  const passwordHash = await hashPassword(password);

  // ── The tenant, its people, spaces, apps, personas, grants and tokens (one audited transaction).
  const setup = await db.transaction(async (tx) => {
    const [t] = await tx
      .insert(s.tenants)
      .values({ name: tenantName, slug: `large-${suffix}` })
      .returning({ id: s.tenants.id });
    const tenantId = t!.id;
    const people = [
      ["owner", "owner", "Olga Owner"],
      ["reviewer", "reviewer", "Ravi Reviewer"],
      ["reviewer2", "reviewer", "Rosa Reviewer"],
    ] as const;
    const actors = {} as LargeTenant["actors"];
    for (const [key, role, name] of people) {
      const email = `${key}@${domain}`;
      const [u] = await tx.insert(s.users).values({ email, name, passwordHash }).returning({ id: s.users.id });
      const [m] = await tx.insert(s.memberships).values({ tenantId, userId: u!.id, role }).returning({ id: s.memberships.id });
      actors[key] = { userId: u!.id, email, name, membershipId: m!.id, tenantId, tenantName, tenantRole: role as TenantRole };
    }
    const spaceDefs = [
      { name: "Support at scale", personas: 15 },
      { name: "Sales at scale", personas: 5 },
    ];
    const spaces: LargeTenant["spaces"] = [];
    const slots: { personaId: string; appId: string; spaceId: string; tokenId: string; tokenName: string }[] = [];
    for (const def of spaceDefs) {
      const [sp] = await tx
        .insert(s.spaces)
        .values({ tenantId, name: def.name, environments: ["sandbox", "staging", "production"], reviewTtlSeconds: 60 * 86_400 })
        .returning({ id: s.spaces.id });
      const spaceId = sp!.id;
      spaces.push({ id: spaceId, name: def.name, personas: def.personas });
      for (const r of ["reviewer", "reviewer2"] as const) {
        await tx.insert(s.spaceGrants).values({ tenantId, spaceId, membershipId: actors[r].membershipId, role: "reviewer" });
      }
      const [app] = await tx.insert(s.apps).values({ tenantId, spaceId, name: `${def.name} API`, kind: "api" }).returning({ id: s.apps.id });
      const tok = generateToken();
      const tokenName = `${def.name} runtime`;
      const [token] = await tx
        .insert(s.runtimeTokens)
        .values({ tenantId, spaceId, appId: app!.id, environment: "sandbox", name: tokenName, prefix: tok.prefix, tokenHash: tok.hash })
        .returning({ id: s.runtimeTokens.id });
      for (let i = 1; i <= def.personas; i++) {
        const [p] = await tx
          .insert(s.personas)
          .values({ tenantId, spaceId, name: `${def.name.split(" ")[0]} persona ${String(i).padStart(2, "0")}`, stage: "bounded_production" })
          .returning({ id: s.personas.id });
        await tx.insert(s.personaApps).values({ tenantId, spaceId, personaId: p!.id, appId: app!.id });
        const caps = [...new Set(KEYS.map((k) => k[1]))];
        await tx.insert(s.capabilityGrants).values(
          caps.map((capabilityKey) => ({
            tenantId, spaceId, personaId: p!.id, capabilityKey, environment: "sandbox" as const, enabled: true,
            policies: Object.fromEntries(KEYS.filter((k) => k[1] === capabilityKey).map((k) => [k[0], "review" as const])),
          })),
        );
        slots.push({ personaId: p!.id, appId: app!.id, spaceId, tokenId: token!.id, tokenName });
      }
      await appendAuditEvents(tx, [
        { tenantId, actor: { kind: "system", label: "seed:large" }, verb: "space.created", target: { type: "space", id: spaceId, label: def.name }, spaceId },
      ]);
    }
    await recordAudit(tx, { tenantId, actor: { kind: "system", label: "seed:large" }, verb: "tenant.created", target: { type: "tenant", id: tenantId, label: tenantName } });
    return { tenantId, actors, spaces, slots };
  });
  log(`tenant ${tenantName}: ${setup.spaces.length} spaces, ${setup.slots.length} personas`);

  // ── The pending actions: one INSERT … SELECT generate_series per batch.
  const slotRows = sql.join(
    setup.slots.map((p, i) => sql`(${i}::int, ${p.personaId}::uuid, ${p.appId}::uuid, ${p.spaceId}::uuid, ${p.tokenId}::uuid)`),
    sql`, `,
  );
  const keyRows = sql.join(
    KEYS.map(([key, cap, risk, effect, approvals], i) => sql`(${i}::int, ${key}::text, ${cap}::text, ${risk}::risk, ${effect}::effect, ${approvals}::int)`),
    sql`, `,
  );
  const decisionPath = JSON.stringify([
    { rule: 1, name: "persona_active", passed: true },
    { rule: 10, name: "grant_policy_not_review", passed: false, policy: "review" },
  ]);
  const started = Date.now();
  for (let from = 1; from <= pending; from += batch) {
    const to = Math.min(pending, from + batch - 1);
    await db.execute(sql`
      with p(idx, persona_id, app_id, space_id, token_id) as (values ${slotRows}),
           k(idx, action_key, capability_key, risk, effect, required) as (values ${keyRows})
      insert into actions (id, tenant_id, space_id, persona_id, app_id, token_id, environment, action_key, capability_key,
        risk, effect, stage, input, reason, status, reason_code, required_approvals, decision_path, expires_at, created_at, updated_at)
      select gen_random_uuid(), ${setup.tenantId}::uuid, p.space_id, p.persona_id, p.app_id, p.token_id, 'sandbox'::environment,
        k.action_key, k.capability_key, k.risk, k.effect, 'bounded_production'::stage,
        jsonb_build_object('goal', 'Load item ' || g, 'steps', jsonb_build_array('look', 'act')), 'Benchmark load',
        'pending'::action_status, 'policy_review'::reason_code, k.required, ${decisionPath}::jsonb,
        now() + interval '60 days' - g * interval '20 seconds', now() - g * interval '20 seconds', now() - g * interval '20 seconds'
      from generate_series(${from}::int, ${to}::int) g
      join p on p.idx = g % ${setup.slots.length}::int
      join k on k.idx = (g / 3) % ${KEYS.length}::int
    `);
    log(`  actions ${to.toLocaleString("en-US")} / ${pending.toLocaleString("en-US")}`);
  }
  log(`actions inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // ── Their audit events, oldest first, chained in batches.
  if (opts.withAudit !== false) {
    const t0 = Date.now();
    const tokenBySpace = new Map(setup.slots.map((p) => [p.spaceId, { tokenId: p.tokenId, tokenName: p.tokenName, appId: p.appId }]));
    let done = 0;
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const rows: { id: string; spaceId: string; personaId: string; actionKey: string; createdAt: Date }[] = await db
        .select({ id: s.actions.id, spaceId: s.actions.spaceId, personaId: s.actions.personaId, actionKey: s.actions.actionKey, createdAt: s.actions.createdAt })
        .from(s.actions)
        .where(
          after
            ? sql`${s.actions.tenantId} = ${setup.tenantId} and (date_trunc('milliseconds', ${s.actions.createdAt}), ${s.actions.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
            : eq(s.actions.tenantId, setup.tenantId),
        )
        .orderBy(asc(sql`date_trunc('milliseconds', ${s.actions.createdAt})`), asc(s.actions.id))
        .limit(2_000);
      if (rows.length === 0) break;
      const events: AuditInput[] = rows.map((r) => {
        const tok = tokenBySpace.get(r.spaceId)!;
        return {
          tenantId: setup.tenantId,
          actor: { kind: "token", tokenId: tok.tokenId, label: tok.tokenName },
          verb: "action.proposed",
          target: { type: "action", id: r.id, label: r.actionKey },
          spaceId: r.spaceId,
          after: { personaId: r.personaId, appId: tok.appId, environment: "sandbox", action: r.actionKey, status: "pending", reasonCode: "policy_review" },
        };
      });
      await db.transaction((tx) => appendAuditEvents(tx, events));
      done += rows.length;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
      if (done % 20_000 === 0) log(`  audit events ${done.toLocaleString("en-US")}`);
    }
    log(`audit events written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { tenantId: setup.tenantId, tenantName, spaces: setup.spaces, actors: setup.actors, pending, password };
}

/** Pending low-risk actions of one space (newest first): what a benchmark approves. */
export async function pendingLowRiskActions(db: Db, tenantId: string, spaceId: string, limit: number): Promise<{ id: string; spaceId: string }[]> {
  return db
    .select({ id: s.actions.id, spaceId: s.actions.spaceId })
    .from(s.actions)
    .where(sql`${s.actions.tenantId} = ${tenantId} and ${s.actions.spaceId} = ${spaceId} and ${s.actions.status} = 'pending' and ${s.actions.risk} = 'low' and ${s.actions.requiredApprovals} = 1`)
    .orderBy(sql`${s.actions.createdAt} desc`)
    .limit(limit);
}
