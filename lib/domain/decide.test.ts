import { describe, expect, it } from "vitest";
import { listCatalogActions } from "./catalog";
import {
  CAPABILITY_KINDS,
  EFFECTS,
  ENVIRONMENTS,
  POLICIES,
  REASON_CODES,
  RISKS,
  STAGES,
  type Effect,
  type Environment,
  type Policy,
  type Risk,
  type Stage,
} from "./constants";
import { DECISION_RULES, approvalsNeeded, decide, type DecisionAction, type DecisionInput } from "./decide";

/** design.md's bounds, written out independently of stages.ts. */
const CEILINGS: Record<Stage, Record<`${Risk} ${Effect}`, Policy>> = {
  pilot: { "low read": "allow", "low write": "review", "medium read": "review", "medium write": "review", "high read": "review", "high write": "review" },
  bounded_production: { "low read": "allow", "low write": "allow", "medium read": "allow", "medium write": "review", "high read": "review", "high write": "review" },
  broad_exposure: { "low read": "allow", "low write": "allow", "medium read": "allow", "medium write": "allow", "high read": "allow", "high write": "review" },
  deep_embedding: { "low read": "allow", "low write": "allow", "medium read": "allow", "medium write": "allow", "high read": "allow", "high write": "review" },
};
const STAGE_ENVS: Record<Stage, Environment[]> = {
  pilot: ["sandbox", "staging"],
  bounded_production: ["sandbox", "staging", "production"],
  broad_exposure: ["sandbox", "staging", "production"],
  deep_embedding: ["sandbox", "staging", "production"],
};
const CONNECTED_ENVS: Record<Stage, Environment[]> = {
  pilot: ["sandbox"],
  bounded_production: ["sandbox", "staging", "production"],
  broad_exposure: ["sandbox", "staging", "production"],
  deep_embedding: ["sandbox", "staging", "production"],
};

function input(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    persona: { status: "active", stage: "bounded_production" },
    space: { environments: ["sandbox", "staging", "production"] },
    environment: "production",
    actionKey: "memory.write",
    grant: { enabled: true, policies: { "memory.write": "allow" } },
    ...overrides,
  };
}

describe("DECISION_RULES", () => {
  it("are rules 4–12 in order and cover every reason code once", () => {
    expect(DECISION_RULES.map((r) => r.rule)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect([...DECISION_RULES.map((r) => r.reasonCode)].sort()).toEqual([...REASON_CODES].sort());
  });

  it("approvalsNeeded: 2 for high risk, 1 otherwise", () => {
    expect(approvalsNeeded("high")).toBe(2);
    expect(approvalsNeeded("medium")).toBe(1);
    expect(approvalsNeeded("low")).toBe(1);
  });
});

describe("decide: each reason code", () => {
  it("approves by policy (rule 12) and records every rule", () => {
    const d = decide(input());
    expect(d).toMatchObject({
      status: "approved",
      reasonCode: "policy_allow",
      decidedBy: "policy",
      requiredApprovals: 0,
      risk: "low",
      effect: "write",
      capabilityKey: "memory",
    });
    expect(d.path.map((s) => [s.rule, s.result])).toEqual([
      [4, "pass"], [5, "pass"], [6, "pass"], [7, "pass"], [8, "pass"], [9, "pass"], [10, "pass"], [11, "pass"], [12, "decided"],
    ]);
  });

  it("records the inputs each rule saw", () => {
    const d = decide(input());
    expect(d.path).toEqual([
      { rule: 4, name: "persona_active", result: "pass", inputs: { personaStatus: "active" } },
      {
        rule: 5,
        name: "environment_allowed",
        result: "pass",
        inputs: {
          environment: "production",
          stage: "bounded_production",
          spaceEnvironments: ["sandbox", "staging", "production"],
          stageEnvironments: ["sandbox", "staging", "production"],
        },
      },
      {
        rule: 6,
        name: "action_in_catalog",
        result: "pass",
        inputs: { actionKey: "memory.write", known: true, capabilityKey: "memory", capabilityKind: "builtin", risk: "low", effect: "write" },
      },
      { rule: 7, name: "capability_enabled", result: "pass", inputs: { capabilityKey: "memory", environment: "production", grantExists: true, enabled: true } },
      {
        rule: 8,
        name: "stage_ceiling_not_deny",
        result: "pass",
        inputs: { stage: "bounded_production", environment: "production", capabilityKind: "builtin", risk: "low", effect: "write", ceiling: "allow", limitedBy: "stage_table" },
      },
      { rule: 9, name: "grant_policy_not_deny", result: "pass", inputs: { actionKey: "memory.write", policy: "allow", policySource: "grant" } },
      { rule: 10, name: "grant_policy_not_review", result: "pass", inputs: { actionKey: "memory.write", policy: "allow", policySource: "grant" } },
      { rule: 11, name: "stage_ceiling_not_review", result: "pass", inputs: { policy: "allow", ceiling: "allow", limitedBy: "stage_table" } },
      { rule: 12, name: "allow", result: "decided", inputs: { policy: "allow", ceiling: "allow" } },
    ]);
    expect(JSON.parse(JSON.stringify(d.path))).toEqual(d.path);
  });

  it("denies a paused persona (rule 4)", () => {
    const d = decide(input({ persona: { status: "paused", stage: "bounded_production" } }));
    expect(d).toEqual({
      status: "denied",
      reasonCode: "persona_paused",
      decidedBy: "policy",
      requiredApprovals: 0,
      path: [{ rule: 4, name: "persona_active", result: "decided", inputs: { personaStatus: "paused" } }],
    });
  });

  it("denies an environment the space does not allow (rule 5)", () => {
    const d = decide(input({ space: { environments: ["sandbox", "staging"] } }));
    expect(d).toMatchObject({ status: "denied", reasonCode: "environment_not_allowed", decidedBy: "policy", requiredApprovals: 0 });
    expect(d.path.at(-1)).toMatchObject({ rule: 5, result: "decided" });
    expect(d.risk).toBeUndefined();
  });

  it("denies an environment the stage does not allow, even if the space does (rule 5)", () => {
    const d = decide(input({ persona: { status: "active", stage: "pilot" } }));
    expect(d.reasonCode).toBe("environment_not_allowed");
    expect(d.path.at(-1)?.inputs).toMatchObject({ stageEnvironments: ["sandbox", "staging"] });
  });

  it("denies an environment the space's override removes from the stage (rule 5)", () => {
    const d = decide(input({ space: { environments: ["sandbox", "staging", "production"], boundsOverride: { bounded_production: { environments: ["sandbox", "staging"] } } } }));
    expect(d.reasonCode).toBe("environment_not_allowed");
  });

  it("denies an action outside the catalog (rule 6)", () => {
    const d = decide(input({ actionKey: "crm.launch_rocket" }));
    expect(d).toMatchObject({ status: "denied", reasonCode: "unknown_action", decidedBy: "policy", requiredApprovals: 0 });
    expect(d.path.at(-1)).toEqual({ rule: 6, name: "action_in_catalog", result: "decided", inputs: { actionKey: "crm.launch_rocket", known: false } });
    expect(d.capabilityKey).toBeUndefined();
  });

  it.each([["constructor"], ["__proto__"], ["toString"], [""]])("denies %j as unknown", (actionKey) => {
    expect(decide(input({ actionKey })).reasonCode).toBe("unknown_action");
  });

  it("denies when there is no grant (rule 7)", () => {
    const d = decide(input({ grant: null }));
    expect(d).toMatchObject({ status: "denied", reasonCode: "capability_disabled", requiredApprovals: 0, risk: "low", effect: "write", capabilityKey: "memory" });
    expect(d.path.at(-1)?.inputs).toEqual({ capabilityKey: "memory", environment: "production", grantExists: false, enabled: false });
  });

  it("denies when the grant is disabled (rule 7)", () => {
    expect(decide(input({ grant: { enabled: false, policies: { "memory.write": "allow" } } })).reasonCode).toBe("capability_disabled");
  });

  it("denies a connected capability outside sandbox during pilot (rule 8)", () => {
    const d = decide(input({
      persona: { status: "active", stage: "pilot" },
      environment: "staging",
      actionKey: "crm.lookup_contact",
      grant: { enabled: true, policies: { "crm.lookup_contact": "allow" } },
    }));
    expect(d).toMatchObject({ status: "denied", reasonCode: "stage_bound", decidedBy: "policy", requiredApprovals: 0 });
    expect(d.path.at(-1)?.inputs).toMatchObject({ ceiling: "deny", limitedBy: "connected_environment" });
  });

  it("denies when a space override lowers the ceiling to deny (rule 8)", () => {
    const d = decide(input({ space: { environments: ["sandbox", "staging", "production"], boundsOverride: { bounded_production: { ceilings: { low: { write: "deny" } } } } } }));
    expect(d.reasonCode).toBe("stage_bound");
    expect(d.path.at(-1)?.inputs).toMatchObject({ ceiling: "deny", limitedBy: "space_override" });
  });

  it("denies by the grant's policy (rule 9)", () => {
    const d = decide(input({ grant: { enabled: true, policies: { "memory.write": "deny" } } }));
    expect(d).toMatchObject({ status: "denied", reasonCode: "action_denied", decidedBy: "policy", requiredApprovals: 0 });
  });

  it("sends to review by the grant's policy (rule 10)", () => {
    const d = decide(input({ grant: { enabled: true, policies: { "memory.write": "review" } } }));
    expect(d).toMatchObject({ status: "pending", reasonCode: "policy_review", decidedBy: null, requiredApprovals: 1 });
    expect(d.path.at(-1)).toMatchObject({ rule: 10, result: "decided" });
  });

  it("sends to review when the grant allows but the ceiling is review (rule 11)", () => {
    const d = decide(input({ persona: { status: "active", stage: "pilot" }, environment: "sandbox" }));
    expect(d).toMatchObject({ status: "pending", reasonCode: "stage_requires_review", decidedBy: null, requiredApprovals: 1 });
    expect(d.path.at(-1)).toEqual({ rule: 11, name: "stage_ceiling_not_review", result: "decided", inputs: { policy: "allow", ceiling: "review", limitedBy: "stage_table" } });
  });

  it("produces every reason code across these cases", () => {
    const seen = new Set([
      decide(input()).reasonCode,
      decide(input({ persona: { status: "paused", stage: "pilot" } })).reasonCode,
      decide(input({ environment: "production", persona: { status: "active", stage: "pilot" } })).reasonCode,
      decide(input({ actionKey: "x.y" })).reasonCode,
      decide(input({ grant: null })).reasonCode,
      decide(input({ persona: { status: "active", stage: "pilot" }, environment: "staging", actionKey: "email.send", grant: { enabled: true, policies: {} } })).reasonCode,
      decide(input({ grant: { enabled: true, policies: { "memory.write": "deny" } } })).reasonCode,
      decide(input({ grant: { enabled: true, policies: { "memory.write": "review" } } })).reasonCode,
      decide(input({ persona: { status: "active", stage: "pilot" }, environment: "sandbox" })).reasonCode,
    ]);
    expect([...seen].sort()).toEqual([...REASON_CODES].sort());
  });
});

describe("decide: rule order", () => {
  it("paused beats everything", () => {
    const d = decide({
      persona: { status: "paused", stage: "pilot" },
      space: { environments: [] },
      environment: "production",
      actionKey: "no.such_action",
      grant: null,
    });
    expect(d.reasonCode).toBe("persona_paused");
    expect(d.path).toHaveLength(1);
  });

  it("environment comes before an unknown action", () => {
    const d = decide(input({ space: { environments: ["sandbox"] }, actionKey: "no.such_action", grant: null }));
    expect(d.reasonCode).toBe("environment_not_allowed");
    expect(d.path).toHaveLength(2);
  });

  it("an unknown action comes before a missing grant", () => {
    expect(decide(input({ actionKey: "no.such_action", grant: null })).reasonCode).toBe("unknown_action");
  });

  it("a disabled capability comes before the stage bound", () => {
    const base = { persona: { status: "active", stage: "pilot" }, environment: "staging", actionKey: "crm.delete_contact" } as const;
    expect(decide(input({ ...base, grant: null })).reasonCode).toBe("capability_disabled");
    expect(decide(input({ ...base, grant: { enabled: false, policies: {} } })).reasonCode).toBe("capability_disabled");
  });

  it("the stage bound comes before the grant's deny", () => {
    const d = decide(input({
      persona: { status: "active", stage: "pilot" },
      environment: "staging",
      actionKey: "crm.delete_contact",
      grant: { enabled: true, policies: { "crm.delete_contact": "deny" } },
    }));
    expect(d.reasonCode).toBe("stage_bound");
  });

  it("the grant's review comes before the stage's review", () => {
    const d = decide(input({ persona: { status: "active", stage: "pilot" }, environment: "sandbox", grant: { enabled: true, policies: { "memory.write": "review" } } }));
    expect(d.reasonCode).toBe("policy_review");
  });

  it("the first decided step is always the last step of the path", () => {
    for (const status of ["active", "paused"] as const) for (const stage of STAGES) for (const environment of ENVIRONMENTS) {
      for (const actionKey of ["memory.write", "crm.delete_contact", "nope.nope"]) for (const policy of POLICIES) {
        const d = decide({ persona: { status, stage }, space: { environments: ["sandbox", "production"] }, environment, actionKey, grant: { enabled: true, policies: { [actionKey]: policy } } });
        expect(d.path.filter((s) => s.result === "decided")).toHaveLength(1);
        expect(d.path.at(-1)?.result).toBe("decided");
        expect(d.path.map((s) => s.rule)).toEqual(DECISION_RULES.slice(0, d.path.length).map((r) => r.rule));
        expect(DECISION_RULES.find((r) => r.rule === d.path.at(-1)?.rule)?.reasonCode).toBe(d.reasonCode);
      }
    }
  });
});

describe("decide: policies missing from the grant use the catalog default", () => {
  it("low read → allow", () => {
    const d = decide(input({ actionKey: "memory.read", grant: { enabled: true, policies: {} } }));
    expect(d.reasonCode).toBe("policy_allow");
    expect(d.path.find((s) => s.rule === 9)?.inputs).toEqual({ actionKey: "memory.read", policy: "allow", policySource: "default" });
  });

  it("low read → allow, still capped by a review ceiling", () => {
    const d = decide(input({
      actionKey: "memory.read",
      grant: { enabled: true, policies: {} },
      space: { environments: ["production"], boundsOverride: { bounded_production: { ceilings: { low: { read: "review" } } } } },
    }));
    expect(d.reasonCode).toBe("stage_requires_review");
  });

  it.each(["memory.write", "crm.export_contacts", "ticketing.list_tickets", "email.send"])("%s → review", (actionKey) => {
    const d = decide(input({ actionKey, grant: { enabled: true, policies: { "other.action": "allow" } } }));
    expect(d.reasonCode).toBe("policy_review");
  });

  it("a stored value that is not a policy fails closed", () => {
    const d = decide(input({ grant: { enabled: true, policies: { "memory.write": "yes" as Policy } } }));
    expect(d.reasonCode).toBe("action_denied");
    expect(d.path.at(-1)?.inputs).toMatchObject({ policy: "deny", policySource: "invalid" });
  });

  it("ignores inherited keys of the policies object", () => {
    const policies = Object.create({ "memory.write": "allow" }) as Record<string, Policy>;
    expect(decide(input({ grant: { enabled: true, policies } })).reasonCode).toBe("policy_review");
  });
});

describe("decide: requiredApprovals is frozen at proposal", () => {
  it("2 for a pending high-risk action", () => {
    const d = decide(input({ actionKey: "email.send", grant: { enabled: true, policies: { "email.send": "review" } } }));
    expect(d).toMatchObject({ status: "pending", requiredApprovals: 2 });
  });

  it("1 for a pending medium or low action", () => {
    expect(decide(input({ actionKey: "crm.update_contact", grant: { enabled: true, policies: {} } })).requiredApprovals).toBe(1);
    expect(decide(input({ grant: { enabled: true, policies: { "memory.write": "review" } } })).requiredApprovals).toBe(1);
  });

  it("0 for a high-risk action approved or denied by policy", () => {
    const approved = decide(input({ persona: { status: "active", stage: "broad_exposure" }, actionKey: "crm.export_contacts", grant: { enabled: true, policies: { "crm.export_contacts": "allow" } } }));
    expect(approved).toMatchObject({ status: "approved", requiredApprovals: 0, risk: "high" });
    const denied = decide(input({ actionKey: "email.send", grant: { enabled: true, policies: { "email.send": "deny" } } }));
    expect(denied).toMatchObject({ status: "denied", requiredApprovals: 0, risk: "high" });
  });
});

describe("decide: production high-write hard limit", () => {
  it.each(["bounded_production", "broad_exposure", "deep_embedding"] as const)("is always review at %s", (stage) => {
    for (const actionKey of ["email.send", "webhook.post", "crm.delete_contact"]) {
      const d = decide(input({ persona: { status: "active", stage }, actionKey, grant: { enabled: true, policies: { [actionKey]: "allow" } } }));
      expect(d).toMatchObject({ status: "pending", reasonCode: "stage_requires_review", decidedBy: null, requiredApprovals: 2 });
      expect(d.path.at(-1)?.inputs).toMatchObject({ limitedBy: "hard_limit" });
    }
  });

  it("holds even if a catalog change made a high-risk write the only thing the table allows", () => {
    // Broad exposure allows high reads; a grant left at allow after the action became a write.
    const lookupAction = (): DecisionAction => ({ capabilityKey: "crm", capabilityKind: "connected", risk: "high", effect: "write" });
    const d = decide(input({ persona: { status: "active", stage: "broad_exposure" }, actionKey: "crm.export_contacts", grant: { enabled: true, policies: { "crm.export_contacts": "allow" } } }), { lookupAction });
    expect(d.reasonCode).toBe("stage_requires_review");
  });
});

describe("decide: defence in depth after a catalog change", () => {
  it("a grant left at allow for an action whose risk was raised goes to review (rule 11)", () => {
    const lookupAction = (): DecisionAction => ({ capabilityKey: "crm", capabilityKind: "connected", risk: "high", effect: "read" });
    const d = decide(input({ actionKey: "crm.lookup_contact", grant: { enabled: true, policies: { "crm.lookup_contact": "allow" } } }), { lookupAction });
    expect(d).toMatchObject({ status: "pending", reasonCode: "stage_requires_review", requiredApprovals: 2, risk: "high" });
  });
});

describe("decide: every stage × environment × kind × risk × effect × grant policy (table-driven)", () => {
  const cases = STAGES.flatMap((stage) =>
    ENVIRONMENTS.flatMap((environment) =>
      CAPABILITY_KINDS.flatMap((kind) =>
        RISKS.flatMap((risk) =>
          EFFECTS.flatMap((effect) => POLICIES.map((policy) => ({ stage, environment, kind, risk, effect, policy }))),
        ),
      ),
    ),
  );

  it("has 432 cases", () => expect(cases).toHaveLength(432));

  it.each(cases)("$stage $environment $kind $risk $effect grant=$policy", ({ stage, environment, kind, risk, effect, policy }) => {
    const lookupAction = (): DecisionAction => ({ capabilityKey: "x", capabilityKind: kind, risk, effect });
    const d = decide(
      {
        persona: { status: "active", stage },
        space: { environments: [...ENVIRONMENTS] },
        environment,
        actionKey: "x.do",
        grant: { enabled: true, policies: { "x.do": policy } },
      },
      { lookupAction },
    );

    let ceiling: Policy = CEILINGS[stage][`${risk} ${effect}`];
    if (environment === "production" && risk === "high" && effect === "write" && ceiling === "allow") ceiling = "review";
    let expected: [string, string, number];
    if (!STAGE_ENVS[stage].includes(environment)) expected = ["denied", "environment_not_allowed", 0];
    else if (kind === "connected" && !CONNECTED_ENVS[stage].includes(environment)) expected = ["denied", "stage_bound", 0];
    else if (policy === "deny") expected = ["denied", "action_denied", 0];
    else if (policy === "review") expected = ["pending", "policy_review", risk === "high" ? 2 : 1];
    else if (ceiling === "review") expected = ["pending", "stage_requires_review", risk === "high" ? 2 : 1];
    else expected = ["approved", "policy_allow", 0];

    expect([d.status, d.reasonCode, d.requiredApprovals]).toEqual(expected);
    expect(d.decidedBy).toBe(d.status === "pending" ? null : "policy");
  });
});

describe("decide: every real catalog action × stage × environment with an allow grant", () => {
  it("matches the bounds table", () => {
    let checked = 0;
    for (const { action, capability } of listCatalogActions()) for (const stage of STAGES) for (const environment of ENVIRONMENTS) {
      const d = decide({
        persona: { status: "active", stage },
        space: { environments: [...ENVIRONMENTS] },
        environment,
        actionKey: action.key,
        grant: { enabled: true, policies: { [action.key]: "allow" } },
      });
      const envOk = STAGE_ENVS[stage].includes(environment);
      const kindOk = capability.kind === "builtin" || CONNECTED_ENVS[stage].includes(environment);
      let ceiling: Policy = CEILINGS[stage][`${action.risk} ${action.effect}`];
      if (environment === "production" && action.risk === "high" && action.effect === "write") ceiling = "review";
      const expected = !envOk ? "environment_not_allowed" : !kindOk ? "stage_bound" : ceiling === "review" ? "stage_requires_review" : "policy_allow";
      expect(d.reasonCode, `${action.key} ${stage} ${environment}`).toBe(expected);
      expect(d.capabilityKey ?? capability.key).toBe(capability.key);
      checked++;
    }
    expect(checked).toBe(listCatalogActions().length * 12);
  });
});
