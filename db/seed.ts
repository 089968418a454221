import { count, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { SYSTEM_ACTOR } from "../lib/actor";
import { hashPassword } from "../lib/auth/password";
import type {
  ActionStatus,
  AppKind,
  Environment,
  Policy,
  ReasonCode,
  Risk,
  Effect,
  Stage,
} from "../lib/domain/constants";
import { getCatalogAction } from "../lib/domain/catalog";
import { auditedTransaction, recordAudit, type AuditInput } from "./audit";
import type { Db } from "./client";
import * as s from "./schema";

export const DEMO_PASSWORD = "persona-demo";

export const DEMO_USERS = [
  { email: "owner@acme.test", name: "Olivia Owner", role: "owner" },
  { email: "operator@acme.test", name: "Omar Operator", role: "operator" },
  { email: "reviewer@acme.test", name: "Rita Reviewer", role: "reviewer" },
  { email: "reviewer2@acme.test", name: "Ravi Reviewer", role: "reviewer" },
  { email: "viewer@acme.test", name: "Victor Viewer", role: "viewer" },
] as const;

export const GLOBEX_OWNER = { email: "owner@globex.test", name: "Gloria Globex" } as const;

const DAY = 86_400_000;

/** Deterministic pseudo-random numbers, so every seed tells the same story. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

type NewAction = typeof s.actions.$inferInsert;

/** Seed the demo tenants when the database has no tenant yet. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(s.tenants);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}

/**
 * The demo story: Acme with two spaces, apps, personas at different stages,
 * built-in and connected capabilities, weeks of backdated actions (Ava's gate to
 * the next stage passes, Max's fails, Nova is paused), runtime tokens with
 * activity, memory; and Globex, a second tenant that must never see Acme.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await auditedTransaction(db, async (tx) => {
    const audit = (e: Omit<AuditInput, "actor">) => recordAudit(tx, { ...e, actor: SYSTEM_ACTOR });
    const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);

    // ── users and tenants ────────────────────────────────────────────────
    const userIds: Record<string, string> = {};
    for (const u of [...DEMO_USERS, GLOBEX_OWNER]) {
      const [row] = await tx
        .insert(s.users)
        .values({ email: u.email, name: u.name, passwordHash, createdAt: ago(60) })
        .returning({ id: s.users.id });
      userIds[u.email] = row!.id;
    }
    const [acme] = await tx
      .insert(s.tenants)
      .values({ name: "Acme", slug: "acme", createdAt: ago(60) })
      .returning({ id: s.tenants.id });
    const [globex] = await tx
      .insert(s.tenants)
      .values({ name: "Globex", slug: "globex", createdAt: ago(30) })
      .returning({ id: s.tenants.id });
    const tenantId = acme!.id;
    await audit({ tenantId, verb: "tenant.created", target: { type: "tenant", id: tenantId, label: "Acme" } });
    await audit({
      tenantId: globex!.id,
      verb: "tenant.created",
      target: { type: "tenant", id: globex!.id, label: "Globex" },
    });

    const m: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const [row] = await tx
        .insert(s.memberships)
        .values({
          tenantId,
          userId: userIds[u.email]!,
          role: u.role,
          externalIds: u.email === "reviewer@acme.test" ? ["cust-rita-001"] : [],
          createdAt: ago(60),
        })
        .returning({ id: s.memberships.id });
      m[u.email] = row!.id;
      await audit({
        tenantId,
        verb: "member.added",
        target: { type: "member", id: row!.id, label: u.email },
        after: { role: u.role },
      });
    }
    const [globexOwner] = await tx
      .insert(s.memberships)
      .values({ tenantId: globex!.id, userId: userIds[GLOBEX_OWNER.email]!, role: "owner" })
      .returning({ id: s.memberships.id });
    await audit({
      tenantId: globex!.id,
      verb: "member.added",
      target: { type: "member", id: globexOwner!.id, label: GLOBEX_OWNER.email },
      after: { role: "owner" },
    });

    const [team] = await tx
      .insert(s.teams)
      .values({ tenantId, name: "Support Ops", description: "Runs the support runtime day to day." })
      .returning({ id: s.teams.id });
    await tx.insert(s.teamMembers).values([
      { tenantId, teamId: team!.id, membershipId: m["operator@acme.test"]! },
      { tenantId, teamId: team!.id, membershipId: m["reviewer@acme.test"]! },
    ]);
    await audit({ tenantId, verb: "team.created", target: { type: "team", id: team!.id, label: "Support Ops" } });

    // ── spaces ────────────────────────────────────────────────────────────
    const [support] = await tx
      .insert(s.spaces)
      .values({
        tenantId,
        name: "Customer Support",
        description: "Ava and Max answer customers in the help center and help agents triage tickets.",
        environments: ["sandbox", "staging", "production"],
        runtimeOwnerTeamId: team!.id,
        runtimeHosting: "vendor",
        createdAt: ago(58),
      })
      .returning({ id: s.spaces.id });
    const [sales] = await tx
      .insert(s.spaces)
      .values({
        tenantId,
        name: "Sales Assistant",
        description: "Nova qualifies leads and books demos from the sales chat.",
        environments: ["sandbox", "staging"],
        runtimeOwnerMembershipId: m["operator@acme.test"]!,
        runtimeHosting: "customer",
        createdAt: ago(45),
      })
      .returning({ id: s.spaces.id });
    const [globexSpace] = await tx
      .insert(s.spaces)
      .values({
        tenantId: globex!.id,
        name: "Globex Concierge",
        description: "Globex's own deployment; never visible to Acme.",
        environments: ["sandbox"],
        createdAt: ago(20),
      })
      .returning({ id: s.spaces.id });
    // Olivia (Acme's owner) also advises Globex as a viewer: she can switch tenants,
    // and in Globex she sees only what a viewer with one space grant sees.
    const [oliviaAtGlobex] = await tx
      .insert(s.memberships)
      .values({ tenantId: globex!.id, userId: userIds["owner@acme.test"]!, role: "viewer" })
      .returning({ id: s.memberships.id });
    await tx.insert(s.spaceGrants).values({
      tenantId: globex!.id,
      spaceId: globexSpace!.id,
      membershipId: oliviaAtGlobex!.id,
      role: "viewer",
    });
    await audit({
      tenantId: globex!.id,
      verb: "member.added",
      target: { type: "member", id: oliviaAtGlobex!.id, label: "owner@acme.test" },
      after: { role: "viewer" },
    });
    for (const [id, name, t] of [
      [support!.id, "Customer Support", tenantId],
      [sales!.id, "Sales Assistant", tenantId],
      [globexSpace!.id, "Globex Concierge", globex!.id],
    ] as const) {
      await audit({ tenantId: t, verb: "space.created", target: { type: "space", id, label: name }, spaceId: id });
    }

    for (const spaceId of [support!.id, sales!.id]) {
      for (const [email, role] of [
        ["operator@acme.test", "operator"],
        ["reviewer@acme.test", "reviewer"],
        ["reviewer2@acme.test", "reviewer"],
        ["viewer@acme.test", "viewer"],
      ] as const) {
        const [g] = await tx
          .insert(s.spaceGrants)
          .values({ tenantId, spaceId, membershipId: m[email]!, role })
          .returning({ id: s.spaceGrants.id });
        await audit({
          tenantId,
          verb: "grant.created",
          target: { type: "space_grant", id: g!.id, label: email },
          spaceId,
          after: { role },
        });
      }
    }

    // ── apps ──────────────────────────────────────────────────────────────
    const app = async (spaceId: string, t: string, name: string, kind: AppKind, description: string) => {
      const [row] = await tx
        .insert(s.apps)
        .values({ tenantId: t, spaceId, name, kind, description, createdAt: ago(55) })
        .returning({ id: s.apps.id });
      await audit({ tenantId: t, verb: "app.created", target: { type: "app", id: row!.id, label: name }, spaceId });
      return row!.id;
    };
    const helpWidget = await app(support!.id, tenantId, "Help Center Widget", "web_widget", "The chat bubble on help.acme.test.");
    const supportApi = await app(support!.id, tenantId, "Support API", "api", "Server-to-server API used by the ticketing backend.");
    const agentDesk = await app(support!.id, tenantId, "Agent Desk", "internal_tool", "Internal triage tool for support agents.");
    const salesChat = await app(sales!.id, tenantId, "Sales Chat", "chat", "Lead chat on acme.test/pricing.");
    const globexWidget = await app(globexSpace!.id, globex!.id, "Concierge Widget", "web_widget", "Globex's widget.");

    // ── connections (credentials are set through the console) ────────────
    const connectionsToMake: [string, string, Environment, string][] = [
      [support!.id, "crm", "sandbox", "Sandbox CRM"],
      [support!.id, "crm", "production", "Production CRM"],
      [support!.id, "ticketing", "staging", "Helpdesk (staging)"],
      [support!.id, "ticketing", "production", "Helpdesk"],
      [support!.id, "email", "production", "Support mailbox"],
      [sales!.id, "crm", "sandbox", "Sandbox CRM"],
      [sales!.id, "calendar", "sandbox", "Demo calendar"],
    ];
    for (const [spaceId, type, environment, name] of connectionsToMake) {
      const [row] = await tx
        .insert(s.connections)
        .values({ tenantId, spaceId, type, environment, name, createdAt: ago(50) })
        .returning({ id: s.connections.id });
      await audit({
        tenantId,
        verb: "connection.created",
        target: { type: "connection", id: row!.id, label: name },
        spaceId,
        after: { type, environment },
      });
    }

    // ── personas ──────────────────────────────────────────────────────────
    const persona = async (p: {
      spaceId: string;
      name: string;
      purpose: string;
      stage: Stage;
      stageEnteredDaysAgo: number;
      createdDaysAgo: number;
      owner: string;
      apps: string[];
      t?: string;
    }) => {
      const t = p.t ?? tenantId;
      const [row] = await tx
        .insert(s.personas)
        .values({
          tenantId: t,
          spaceId: p.spaceId,
          name: p.name,
          purpose: p.purpose,
          ownerMembershipId: p.owner,
          stage: p.stage,
          stageEnteredAt: ago(p.stageEnteredDaysAgo),
          createdAt: ago(p.createdDaysAgo),
        })
        .returning({ id: s.personas.id });
      const id = row!.id;
      for (const appId of p.apps) {
        await tx.insert(s.personaApps).values({ tenantId: t, spaceId: p.spaceId, personaId: id, appId });
      }
      await audit({
        tenantId: t,
        verb: "persona.created",
        target: { type: "persona", id, label: p.name },
        spaceId: p.spaceId,
        after: { stage: p.stage },
      });
      return id;
    };

    const ava = await persona({
      spaceId: support!.id,
      name: "Ava",
      purpose: "Answers customer questions in the help center, looks up and updates CRM contacts, opens tickets.",
      stage: "bounded_production",
      stageEnteredDaysAgo: 40,
      createdDaysAgo: 56,
      owner: m["operator@acme.test"]!,
      apps: [helpWidget, supportApi],
    });
    const max = await persona({
      spaceId: support!.id,
      name: "Max",
      purpose: "Triages incoming tickets for support agents and drafts replies.",
      stage: "pilot",
      stageEnteredDaysAgo: 9,
      createdDaysAgo: 9,
      owner: m["operator@acme.test"]!,
      apps: [agentDesk],
    });
    const nova = await persona({
      spaceId: sales!.id,
      name: "Nova",
      purpose: "Qualifies leads in the sales chat and books demos in the calendar.",
      stage: "pilot",
      stageEnteredDaysAgo: 30,
      createdDaysAgo: 30,
      owner: m["owner@acme.test"]!,
      apps: [salesChat],
    });

    // Ava's earlier advance from pilot, signed off by the owner.
    await tx.insert(s.stageChanges).values({
      tenantId,
      spaceId: support!.id,
      personaId: ava,
      kind: "advance",
      fromStage: "pilot",
      toStage: "bounded_production",
      status: "applied",
      reason: "Pilot met its gate: 40 reviewed actions, 95% approved.",
      requestedByMembershipId: m["operator@acme.test"]!,
      requestedAt: ago(41),
      signedOffByMembershipId: m["owner@acme.test"]!,
      signedOffAt: ago(40),
      signOffNote: "Approved for the production help center with two apps.",
      appliedAt: ago(40),
    });

    // ── capability grants (inside each stage's bounds) ────────────────────
    const grant = async (
      personaId: string,
      spaceId: string,
      capabilityKey: string,
      environment: Environment,
      policies: Record<string, Policy>,
    ) => {
      await tx.insert(s.capabilityGrants).values({
        tenantId,
        spaceId,
        personaId,
        capabilityKey,
        environment,
        enabled: true,
        policies,
      });
      await audit({
        tenantId,
        verb: "capability.enabled",
        target: { type: "capability_grant", id: `${personaId}:${capabilityKey}:${environment}`, label: capabilityKey },
        spaceId,
        after: { environment, policies },
      });
    };
    for (const env of ["sandbox", "staging", "production"] as const) {
      await grant(ava, support!.id, "memory", env, { "memory.read": "allow", "memory.write": "allow", "memory.delete": "review" });
      await grant(ava, support!.id, "knowledge_search", env, { "knowledge_search.search": "allow" });
      await grant(ava, support!.id, "messaging", env, { "messaging.read_conversation": "allow", "messaging.send_message": "review" });
    }
    for (const env of ["sandbox", "production"] as const) {
      await grant(ava, support!.id, "crm", env, {
        "crm.lookup_contact": "allow",
        "crm.update_contact": "review",
        "crm.export_contacts": "deny",
        "crm.delete_contact": "review",
      });
    }
    await grant(ava, support!.id, "ticketing", "production", {
      "ticketing.lookup_ticket": "allow",
      "ticketing.list_tickets": "allow",
      "ticketing.create_ticket": "review",
      "ticketing.close_ticket": "review",
    });
    await grant(ava, support!.id, "email", "production", { "email.read_inbox": "review", "email.send": "review" });
    for (const env of ["sandbox", "staging"] as const) {
      await grant(max, support!.id, "memory", env, { "memory.read": "allow", "memory.write": "review", "memory.delete": "review" });
      await grant(max, support!.id, "knowledge_search", env, { "knowledge_search.search": "allow" });
      await grant(max, support!.id, "planning", env, { "planning.list_plans": "allow", "planning.create_plan": "review" });
    }
    await grant(max, support!.id, "crm", "sandbox", {
      "crm.lookup_contact": "allow",
      "crm.update_contact": "review",
      "crm.export_contacts": "deny",
      "crm.delete_contact": "deny",
    });
    for (const env of ["sandbox", "staging"] as const) {
      await grant(nova, sales!.id, "memory", env, { "memory.read": "allow", "memory.write": "review", "memory.delete": "review" });
      await grant(nova, sales!.id, "scheduling", env, {
        "scheduling.list_tasks": "allow",
        "scheduling.schedule_task": "review",
        "scheduling.cancel_task": "review",
      });
    }
    await grant(nova, sales!.id, "calendar", "sandbox", { "calendar.read_events": "allow", "calendar.create_event": "review" });

    // ── runtime tokens and instances ─────────────────────────────────────
    const token = async (spaceId: string, appId: string, environment: Environment, name: string, lastUsedHoursAgo: number) => {
      const [row] = await tx
        .insert(s.runtimeTokens)
        .values({
          tenantId,
          spaceId,
          appId,
          environment,
          name,
          // Demo tokens are unusable on purpose: their secret was never kept.
          prefix: `prt_${uuidv7().replace(/-/g, "").slice(-8)}`,
          tokenHash: `seed-unusable-${uuidv7()}`,
          createdByMembershipId: m["operator@acme.test"]!,
          createdAt: ago(39),
          lastUsedAt: ago(0, lastUsedHoursAgo),
          expiresAt: new Date(now.getTime() + 5 * DAY),
        })
        .returning({ id: s.runtimeTokens.id });
      await audit({
        tenantId,
        verb: "token.created",
        target: { type: "token", id: row!.id, label: name },
        spaceId,
        after: { environment },
      });
      return row!.id;
    };
    const widgetProd = await token(support!.id, helpWidget, "production", "help-widget-prod", 0.1);
    const apiProd = await token(support!.id, supportApi, "production", "support-api-prod", 1);
    const deskSandbox = await token(support!.id, agentDesk, "sandbox", "agent-desk-sandbox", 2);
    const salesSandbox = await token(sales!.id, salesChat, "sandbox", "sales-chat-sandbox", 30);
    await tx.insert(s.runtimeInstances).values([
      { tenantId, spaceId: support!.id, appId: helpWidget, environment: "production", instanceId: "ava-prod-1", version: "2.4.1", personaIds: [ava], tokenId: widgetProd, firstSeenAt: ago(39), lastSeenAt: ago(0, 0.02) },
      { tenantId, spaceId: support!.id, appId: agentDesk, environment: "sandbox", instanceId: "max-sbx-1", version: "2.5.0-rc.1", personaIds: [max], tokenId: deskSandbox, firstSeenAt: ago(9), lastSeenAt: ago(0, 2) },
      { tenantId, spaceId: sales!.id, appId: salesChat, environment: "sandbox", instanceId: "nova-sbx-1", version: "2.4.1", personaIds: [nova], tokenId: salesSandbox, firstSeenAt: ago(30), lastSeenAt: ago(1, 6) },
    ]);

    // ── actions: weeks of history ────────────────────────────────────────
    const rand = rng(42);
    const reviewer = m["reviewer@acme.test"]!;
    const reviewer2 = m["reviewer2@acme.test"]!;
    const owner = m["owner@acme.test"]!;
    const reviewsToInsert: (typeof s.reviews.$inferInsert)[] = [];
    const actionsToInsert: NewAction[] = [];

    const mk = (a: {
      personaId: string;
      spaceId: string;
      appId: string;
      tokenId: string;
      environment: Environment;
      stage: Stage;
      actionKey: string;
      at: Date;
      status: ActionStatus;
      reasonCode: ReasonCode;
      input: unknown;
      onBehalfOf?: string;
      reason?: string;
      reviewers?: { by: string; decision: "approve" | "reject"; comment?: string; afterMin: number }[];
      outcome?: "succeeded" | "failed";
    }) => {
      const ref = getCatalogAction(a.actionKey);
      const risk: Risk | null = ref?.action.risk ?? null;
      const effect: Effect | null = ref?.action.effect ?? null;
      const pending = a.reasonCode === "policy_review" || a.reasonCode === "stage_requires_review";
      const requiredApprovals = pending ? (risk === "high" ? 2 : 1) : 0;
      const id = uuidv7();
      const lastReview = a.reviewers?.at(-1);
      const decidedAt = a.reviewers?.length
        ? new Date(a.at.getTime() + (lastReview?.afterMin ?? 0) * 60_000)
        : a.status === "pending"
          ? null
          : a.at;
      actionsToInsert.push({
        id,
        tenantId,
        spaceId: a.spaceId,
        personaId: a.personaId,
        appId: a.appId,
        tokenId: a.tokenId,
        environment: a.environment,
        actionKey: a.actionKey,
        capabilityKey: ref?.capability.key ?? null,
        risk,
        effect,
        stage: a.stage,
        input: a.input,
        onBehalfOf: a.onBehalfOf ?? null,
        reason: a.reason ?? null,
        status: a.status,
        reasonCode: a.reasonCode,
        decidedBy:
          a.status === "pending" || a.status === "expired" || a.status === "cancelled"
            ? a.status === "pending" ? null : "system"
            : a.reviewers?.length ? "reviewers" : "policy",
        requiredApprovals,
        decisionPath: [{ rule: pending ? "policy" : "seed", reasonCode: a.reasonCode, note: "Seeded history" }],
        expiresAt: pending ? new Date(a.at.getTime() + DAY) : null,
        decidedAt,
        outcomeStatus: a.outcome ?? null,
        outcomeAt: a.outcome && decidedAt ? new Date(decidedAt.getTime() + 30_000) : null,
        outcomeOutput: a.outcome === "succeeded" ? { ok: true } : null,
        outcomeError: a.outcome === "failed" ? "Upstream system timed out" : null,
        createdAt: a.at,
        updatedAt: decidedAt ?? a.at,
      });
      for (const r of a.reviewers ?? []) {
        reviewsToInsert.push({
          tenantId,
          actionId: id,
          reviewerMembershipId: r.by,
          decision: r.decision,
          comment: r.comment ?? null,
          createdAt: new Date(a.at.getTime() + r.afterMin * 60_000),
        });
      }
      return id;
    };

    const customers = ["cust-1042", "cust-2210", "cust-3318", "cust-4471", "cust-5903", "cust-6120"];
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

    // Ava, pilot (days 56..41): reviewed actions that earned the first advance.
    for (let i = 0; i < 40; i++) {
      const at = ago(56 - Math.floor(i / 3), 2 + (i % 8));
      const rejected = i % 20 === 7;
      mk({
        personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "sandbox", stage: "pilot",
        actionKey: "messaging.send_message", at,
        status: rejected ? "rejected" : "succeeded", reasonCode: "policy_review",
        input: { conversationId: `conv-${1000 + i}`, text: "Here is how to reset your password…" },
        onBehalfOf: pick(customers), reason: "Reply to the customer's question",
        reviewers: [rejected
          ? { by: reviewer, decision: "reject", comment: "Tone is off; link to the policy instead.", afterMin: 6 }
          : { by: i % 2 ? reviewer : reviewer2, decision: "approve", afterMin: 3 + (i % 5) }],
        outcome: rejected ? undefined : "succeeded",
      });
    }
    // Ava, bounded production (last 40 days): reviewed and policy-approved work in production.
    for (let i = 0; i < 72; i++) {
      const dayAgo = 39 - Math.floor((i * 38) / 72);
      const at = ago(dayAgo, 1 + (i % 9));
      const kind = i % 4;
      if (kind === 0) {
        mk({
          personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
          actionKey: "crm.lookup_contact", at, status: "succeeded", reasonCode: "policy_allow",
          input: { email: `${pick(customers)}@example.com` }, onBehalfOf: pick(customers), outcome: "succeeded",
        });
        continue;
      }
      const actionKey = kind === 1 ? "crm.update_contact" : kind === 2 ? "ticketing.create_ticket" : "messaging.send_message";
      // One medium-risk rejection long ago; none in the recent window.
      const rejected = i === 5 || i === 13;
      const failed = i % 17 === 3;
      mk({
        personaId: ava, spaceId: support!.id, appId: i % 3 ? helpWidget : supportApi, tokenId: i % 3 ? widgetProd : apiProd,
        environment: "production", stage: "bounded_production", actionKey, at,
        status: rejected ? "rejected" : failed ? "failed" : "succeeded", reasonCode: "policy_review",
        input: actionKey === "crm.update_contact"
          ? { contactId: pick(customers), fields: { phone: "+1 555 0100" } }
          : actionKey === "ticketing.create_ticket"
            ? { subject: "Refund request", body: "Customer asks for a refund of order #8812.", priority: "normal" }
            : { conversationId: `conv-${2000 + i}`, text: "Your ticket has been created." },
        onBehalfOf: pick(customers),
        reason: actionKey === "crm.update_contact" ? "Customer gave a new phone number" : "Customer asked for help",
        reviewers: [rejected
          ? { by: reviewer, decision: "reject", comment: "Needs the customer's confirmation first.", afterMin: 9 }
          : { by: i % 2 ? reviewer : reviewer2, decision: "approve", afterMin: 2 + (i % 7) }],
        outcome: rejected ? undefined : failed ? "failed" : "succeeded",
      });
    }
    // Denied attempts are evidence too.
    mk({ personaId: ava, spaceId: support!.id, appId: supportApi, tokenId: apiProd, environment: "production", stage: "bounded_production",
      actionKey: "crm.export_contacts", at: ago(12, 3), status: "denied", reasonCode: "action_denied",
      input: { segment: "all" }, reason: "Bulk export for a report" });
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "payments.refund", at: ago(6, 4), status: "denied", reasonCode: "unknown_action",
      input: { orderId: "8812", amount: 49 } });
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "calendar.create_event", at: ago(3, 2), status: "denied", reasonCode: "capability_disabled",
      input: { title: "Callback", start: ago(-1).toISOString(), end: ago(-1, -1).toISOString() } });
    // High-risk actions: one approved by two reviewers; pending ones in the queue now.
    mk({ personaId: ava, spaceId: support!.id, appId: supportApi, tokenId: apiProd, environment: "production", stage: "bounded_production",
      actionKey: "email.send", at: ago(20, 5), status: "succeeded", reasonCode: "policy_review",
      input: { to: "cust-2210@example.com", subject: "Your refund", body: "Your refund was processed." },
      onBehalfOf: "cust-2210",
      reviewers: [{ by: reviewer, decision: "approve", afterMin: 4 }, { by: owner, decision: "approve", afterMin: 11 }],
      outcome: "succeeded" });
    mk({ personaId: ava, spaceId: support!.id, appId: supportApi, tokenId: apiProd, environment: "production", stage: "bounded_production",
      actionKey: "email.send", at: ago(0, 1), status: "pending", reasonCode: "policy_review",
      input: { to: "cust-4471@example.com", subject: "About your order", body: "We shipped a replacement today." },
      onBehalfOf: "cust-4471", reason: "Customer asked for a shipping update by email" });
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "crm.update_contact", at: ago(0, 2), status: "pending", reasonCode: "policy_review",
      input: { contactId: "cust-5903", fields: { email: "new-address@example.com" } },
      onBehalfOf: "cust-5903", reason: "Customer changed their email address" });
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "crm.delete_contact", at: ago(0, 3), status: "pending", reasonCode: "policy_review",
      input: { contactId: "cust-6120" }, onBehalfOf: "cust-6120", reason: "Customer asked to be forgotten (GDPR)" });
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "messaging.send_message", at: ago(0, 0.5), status: "pending", reasonCode: "policy_review",
      input: { conversationId: "conv-9001", text: "I've escalated this to a specialist." },
      onBehalfOf: "cust-rita-001", reason: "Reply in the conversation" });
    // An approved action whose outcome the runtime has not reported yet.
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "ticketing.create_ticket", at: ago(0, 4), status: "approved", reasonCode: "policy_review",
      input: { subject: "Broken link", body: "The docs link in the footer is broken.", priority: "low" },
      onBehalfOf: "cust-1042", reviewers: [{ by: reviewer2, decision: "approve", afterMin: 5 }] });
    // An expired one: nobody reviewed it in time (fail closed).
    mk({ personaId: ava, spaceId: support!.id, appId: helpWidget, tokenId: widgetProd, environment: "production", stage: "bounded_production",
      actionKey: "messaging.send_message", at: ago(4, 3), status: "expired", reasonCode: "policy_review",
      input: { conversationId: "conv-7777", text: "Following up on your question." } });

    // Max, pilot for 9 days: too little evidence, one high-risk rejection → its gate fails.
    for (let i = 0; i < 6; i++) {
      const rejected = i === 2;
      mk({ personaId: max, spaceId: support!.id, appId: agentDesk, tokenId: deskSandbox, environment: "sandbox", stage: "pilot",
        actionKey: i === 2 ? "crm.update_contact" : "planning.create_plan", at: ago(8 - i, 3),
        status: rejected ? "rejected" : "succeeded", reasonCode: "policy_review",
        input: i === 2 ? { contactId: "cust-3318", fields: { tier: "vip" } } : { goal: `Triage ticket #${500 + i}`, steps: ["read", "classify", "draft reply"] },
        reason: "Triage",
        reviewers: [rejected ? { by: reviewer, decision: "reject", comment: "Max must not change customer tiers.", afterMin: 12 } : { by: reviewer2, decision: "approve", afterMin: 8 }],
        outcome: rejected ? undefined : "succeeded" });
    }
    for (let i = 0; i < 14; i++) {
      mk({ personaId: max, spaceId: support!.id, appId: agentDesk, tokenId: deskSandbox, environment: "sandbox", stage: "pilot",
        actionKey: i % 2 ? "knowledge_search.search" : "crm.lookup_contact", at: ago(8 - Math.floor(i / 2), 5),
        status: "succeeded", reasonCode: "policy_allow",
        input: i % 2 ? { query: "refund policy for damaged goods" } : { email: "cust-3318@example.com" }, outcome: "succeeded" });
    }
    mk({ personaId: max, spaceId: support!.id, appId: agentDesk, tokenId: deskSandbox, environment: "sandbox", stage: "pilot",
      actionKey: "planning.create_plan", at: ago(0, 1), status: "pending", reasonCode: "policy_review",
      input: { goal: "Merge duplicate tickets #611 and #612", steps: ["compare", "merge", "notify"] }, reason: "Duplicate tickets" });
    // Two low-risk memory writes waiting: the kind a reviewer approves in bulk.
    for (const [key, hoursAgo] of [["triage:rules", 0.7], ["ticket:614/notes", 0.4]] as const) {
      mk({ personaId: max, spaceId: support!.id, appId: agentDesk, tokenId: deskSandbox, environment: "sandbox", stage: "pilot",
        actionKey: "memory.write", at: ago(0, hoursAgo), status: "pending", reasonCode: "policy_review",
        input: { key, value: { note: "updated from ticket triage" } }, reason: "Remember the triage outcome" });
    }
    mk({ personaId: max, spaceId: support!.id, appId: agentDesk, tokenId: deskSandbox, environment: "sandbox", stage: "pilot",
      actionKey: "crm.delete_contact", at: ago(1, 2), status: "denied", reasonCode: "action_denied",
      input: { contactId: "cust-3318" } });

    // Nova, pilot, later paused after booking demos at odd hours.
    for (let i = 0; i < 18; i++) {
      mk({ personaId: nova, spaceId: sales!.id, appId: salesChat, tokenId: salesSandbox, environment: "sandbox", stage: "pilot",
        actionKey: i % 3 === 0 ? "calendar.create_event" : "scheduling.schedule_task", at: ago(28 - i, 4),
        status: "succeeded", reasonCode: "policy_review",
        input: i % 3 === 0 ? { title: "Acme demo", start: ago(27 - i).toISOString(), end: ago(27 - i, -1).toISOString() } : { task: "Follow up with lead", at: ago(27 - i).toISOString() },
        onBehalfOf: `lead-${300 + i}`,
        reviewers: [{ by: i % 2 ? reviewer : reviewer2, decision: "approve", afterMin: 15 }], outcome: "succeeded" });
    }
    mk({ personaId: nova, spaceId: sales!.id, appId: salesChat, tokenId: salesSandbox, environment: "sandbox", stage: "pilot",
      actionKey: "calendar.create_event", at: ago(1, 8), status: "cancelled", reasonCode: "policy_review",
      input: { title: "Demo at 03:00", start: ago(0, -3).toISOString(), end: ago(0, -4).toISOString() }, onBehalfOf: "lead-999" });

    // Insert actions in chunks (PGlite and PostgreSQL both have parameter limits).
    for (let i = 0; i < actionsToInsert.length; i += 50) {
      await tx.insert(s.actions).values(actionsToInsert.slice(i, i + 50));
    }
    if (reviewsToInsert.length) {
      for (let i = 0; i < reviewsToInsert.length; i += 100) {
        await tx.insert(s.reviews).values(reviewsToInsert.slice(i, i + 100));
      }
    }
    await audit({
      tenantId,
      verb: "action.proposed",
      target: { type: "tenant", id: tenantId, label: "Acme" },
      after: { seededActions: actionsToInsert.length, seededReviews: reviewsToInsert.length },
    });

    // ── incidents: Ava's resolved one long ago; Nova paused now ─────────
    await tx.insert(s.incidents).values({
      tenantId, spaceId: support!.id, personaId: ava, status: "resolved",
      reason: "Replies quoted an outdated refund policy.", openedByMembershipId: m["operator@acme.test"]!,
      openedAt: ago(38), resolution: "Knowledge base updated; replies checked for a day.",
      resolvedByMembershipId: m["operator@acme.test"]!, resolvedAt: ago(37, 20),
    });
    await tx.update(s.personas).set({ status: "paused", pausedAt: ago(1, 7) }).where(eq(s.personas.id, nova));
    const [incident] = await tx.insert(s.incidents).values({
      tenantId, spaceId: sales!.id, personaId: nova, status: "open",
      reason: "Booked demos at 03:00 local time; paused until the calendar rules are fixed.",
      openedByMembershipId: m["operator@acme.test"]!, openedAt: ago(1, 7),
    }).returning({ id: s.incidents.id });
    await audit({ tenantId, verb: "persona.paused", target: { type: "persona", id: nova, label: "Nova" }, spaceId: sales!.id,
      after: { reason: "Booked demos at 03:00 local time" } });
    await audit({ tenantId, verb: "incident.opened", target: { type: "incident", id: incident!.id, label: "Nova paused" }, spaceId: sales!.id });

    // ── memory: continuity per persona and environment ───────────────────
    const mem = async (personaId: string, spaceId: string, environment: Environment, key: string, value: unknown, daysAgo: number, version: number, appId: string) => {
      await tx.insert(s.memoryItems).values({
        tenantId, spaceId, personaId, environment, key, value, version,
        updatedByAppId: appId, createdAt: ago(daysAgo + 10), updatedAt: ago(daysAgo),
      });
    };
    await mem(ava, support!.id, "production", "customer:cust-1042/preferences", { language: "en", channel: "chat" }, 2, 4, helpWidget);
    await mem(ava, support!.id, "production", "customer:cust-2210/open-issue", { topic: "refund", since: "2026-11-20" }, 5, 2, supportApi);
    await mem(ava, support!.id, "production", "policy:refunds/summary", { text: "Refunds within 30 days, receipt needed." }, 14, 7, supportApi);
    await mem(ava, support!.id, "sandbox", "test:greeting", { text: "Hi! I'm Ava." }, 40, 1, helpWidget);
    await mem(max, support!.id, "sandbox", "triage:rules", { vip: "route to tier 2", refund: "route to billing" }, 3, 3, agentDesk);
    await mem(max, support!.id, "sandbox", "ticket:611/notes", { duplicateOf: 612 }, 1, 1, agentDesk);
    await mem(nova, sales!.id, "sandbox", "lead:lead-305/qualification", { budget: "mid", timeline: "Q1" }, 9, 2, salesChat);
    await mem(nova, sales!.id, "sandbox", "calendar:working-hours", { from: "09:00", to: "17:00", tz: "Europe/Berlin" }, 1, 5, salesChat);

    // ── Globex: a persona with its own pending action, token and memory (never visible to Acme) ──
    const gid = globex!.id;
    const gizmo = await persona({
      spaceId: globexSpace!.id, t: gid, name: "Gizmo", purpose: "Globex's concierge.", stage: "pilot",
      stageEnteredDaysAgo: 5, createdDaysAgo: 5, owner: globexOwner!.id, apps: [globexWidget],
    });
    const [gTok] = await tx.insert(s.runtimeTokens).values({
      tenantId: gid, spaceId: globexSpace!.id, appId: globexWidget, environment: "sandbox", name: "globex-widget-sandbox",
      prefix: `prt_${uuidv7().replace(/-/g, "").slice(-8)}`, tokenHash: `seed-unusable-${uuidv7()}`, createdAt: ago(5),
    }).returning({ id: s.runtimeTokens.id });
    await audit({ tenantId: gid, verb: "token.created", target: { type: "token", id: gTok!.id, label: "globex-widget-sandbox" }, spaceId: globexSpace!.id });
    await tx.insert(s.actions).values({
      tenantId: gid, spaceId: globexSpace!.id, personaId: gizmo, appId: globexWidget, tokenId: gTok!.id, environment: "sandbox",
      actionKey: "messaging.send_message", capabilityKey: "messaging", risk: "medium", effect: "write", stage: "pilot",
      input: { conversationId: "globex-1", text: "Welcome to Globex" }, onBehalfOf: "owner@globex.test", status: "pending", reasonCode: "policy_review",
      requiredApprovals: 1, decisionPath: [{ rule: "seed" }], expiresAt: new Date(now.getTime() + DAY), createdAt: ago(0, 1),
    });
    await tx.insert(s.memoryItems).values({
      tenantId: gid, spaceId: globexSpace!.id, personaId: gizmo, environment: "sandbox", key: "globex:secret-plan", value: { plan: "globex only" },
    });
  });
}

