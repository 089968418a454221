import { describe, expect, it } from "vitest";
import { CAPABILITY_KINDS, EFFECTS, ENVIRONMENTS, POLICIES, RISKS, STAGES, type Effect, type Environment, type Policy, type Risk, type Stage } from "./constants";
import {
  HARD_LIMITS,
  STAGE_BOUNDS,
  SpaceBoundsOverrideInput,
  appLimitAllows,
  applyGrantRewrites,
  checkGrantWithinBounds,
  effectivePolicy,
  exceedsPolicy,
  grantsExceedingBounds,
  minPolicy,
  nextStage,
  previousStage,
  resolveStageBounds,
  riskEffectCeiling,
  stageCeiling,
  stageCeilingDetail,
  stageLabel,
  suggestedGrantPolicies,
  type GrantBoundsCheckInput,
  type GrantBoundsInput,
} from "./stages";

/** design.md's table, written out again by hand: the code must match it. */
const EXPECTED_CEILINGS: Record<Stage, Record<`${Risk} ${Effect}`, Policy>> = {
  pilot: {
    "low read": "allow", "low write": "review",
    "medium read": "review", "medium write": "review",
    "high read": "review", "high write": "review",
  },
  bounded_production: {
    "low read": "allow", "low write": "allow",
    "medium read": "allow", "medium write": "review",
    "high read": "review", "high write": "review",
  },
  broad_exposure: {
    "low read": "allow", "low write": "allow",
    "medium read": "allow", "medium write": "allow",
    "high read": "allow", "high write": "review",
  },
  deep_embedding: {
    "low read": "allow", "low write": "allow",
    "medium read": "allow", "medium write": "allow",
    "high read": "allow", "high write": "review",
  },
};
const EXPECTED_ENVS: Record<Stage, Environment[]> = {
  pilot: ["sandbox", "staging"],
  bounded_production: ["sandbox", "staging", "production"],
  broad_exposure: ["sandbox", "staging", "production"],
  deep_embedding: ["sandbox", "staging", "production"],
};
const EXPECTED_CONNECTED_ENVS: Record<Stage, Environment[]> = {
  pilot: ["sandbox"],
  bounded_production: ["sandbox", "staging", "production"],
  broad_exposure: ["sandbox", "staging", "production"],
  deep_embedding: ["sandbox", "staging", "production"],
};
const EXPECTED_MAX_APPS: Record<Stage, number | null> = {
  pilot: 1,
  bounded_production: 2,
  broad_exposure: 5,
  deep_embedding: null,
};

describe("bounds table", () => {
  it.each(STAGES)("matches design.md for %s", (stage) => {
    const b = STAGE_BOUNDS[stage];
    expect(b.stage).toBe(stage);
    expect(b.environments).toEqual(EXPECTED_ENVS[stage]);
    expect(b.connectedEnvironments).toEqual(EXPECTED_CONNECTED_ENVS[stage]);
    expect(b.maxApps).toBe(EXPECTED_MAX_APPS[stage]);
    for (const risk of RISKS) for (const effect of EFFECTS) {
      expect(b.ceilings[risk][effect], `${risk} ${effect}`).toBe(EXPECTED_CEILINGS[stage][`${risk} ${effect}`]);
    }
  });

  it("declares the production high-write hard limit", () => {
    expect(HARD_LIMITS).toEqual([{ environment: "production", risk: "high", effect: "write", max: "review" }]);
  });
});

describe("stage order and labels", () => {
  it.each([
    ["pilot", "Pilot", null, "bounded_production"],
    ["bounded_production", "Bounded production", "pilot", "broad_exposure"],
    ["broad_exposure", "Broad exposure", "bounded_production", "deep_embedding"],
    ["deep_embedding", "Deep embedding", "broad_exposure", null],
  ] as const)("%s: label %s, previous %s, next %s", (stage, label, prev, next) => {
    expect(stageLabel(stage)).toBe(label);
    expect(previousStage(stage)).toBe(prev);
    expect(nextStage(stage)).toBe(next);
  });
});

describe("policy order", () => {
  it.each([
    ["deny", "deny", "deny"],
    ["deny", "review", "deny"],
    ["deny", "allow", "deny"],
    ["review", "deny", "deny"],
    ["review", "review", "review"],
    ["review", "allow", "review"],
    ["allow", "deny", "deny"],
    ["allow", "review", "review"],
    ["allow", "allow", "allow"],
  ] as const)("min(%s, %s) = %s, and effectivePolicy agrees", (a, b, lower) => {
    expect(minPolicy(a, b)).toBe(lower);
    expect(effectivePolicy(a, b)).toBe(lower);
    expect(exceedsPolicy(a, b)).toBe(a !== lower);
  });
});

describe("appLimitAllows", () => {
  it("compares against a number, null = any", () => {
    expect(appLimitAllows(1, 0)).toBe(true);
    expect(appLimitAllows(1, 1)).toBe(true);
    expect(appLimitAllows(1, 2)).toBe(false);
    expect(appLimitAllows(0, 1)).toBe(false);
    expect(appLimitAllows(null, 10_000)).toBe(true);
  });
});

describe("stageCeiling: every stage × environment × kind × risk × effect", () => {
  const cases = STAGES.flatMap((stage) =>
    ENVIRONMENTS.flatMap((environment) =>
      CAPABILITY_KINDS.flatMap((capabilityKind) =>
        RISKS.flatMap((risk) => EFFECTS.map((effect) => ({ stage, environment, capabilityKind, risk, effect }))),
      ),
    ),
  );
  it("has 144 cases", () => expect(cases).toHaveLength(144));

  it.each(cases)("$stage $environment $capabilityKind $risk $effect", (c) => {
    let expected: Policy;
    if (!EXPECTED_ENVS[c.stage].includes(c.environment)) expected = "deny";
    else if (c.capabilityKind === "connected" && !EXPECTED_CONNECTED_ENVS[c.stage].includes(c.environment)) expected = "deny";
    else expected = EXPECTED_CEILINGS[c.stage][`${c.risk} ${c.effect}`];
    if (c.environment === "production" && c.risk === "high" && c.effect === "write" && expected === "allow") {
      expected = "review";
    }
    expect(stageCeiling(c)).toBe(expected);
  });

  it("a high-risk write in production is never above review, at any stage, for any kind", () => {
    for (const stage of STAGES) for (const capabilityKind of CAPABILITY_KINDS) {
      const p = stageCeiling({ stage, environment: "production", capabilityKind, risk: "high", effect: "write" });
      expect(exceedsPolicy(p, "review")).toBe(false);
    }
  });

  it("names the bound that set the ceiling", () => {
    const base = { capabilityKind: "builtin", risk: "low", effect: "read" } as const;
    expect(stageCeilingDetail({ ...base, stage: "pilot", environment: "production" })).toEqual({ ceiling: "deny", limitedBy: "environment" });
    expect(stageCeilingDetail({ ...base, stage: "pilot", environment: "staging", capabilityKind: "connected" })).toEqual({
      ceiling: "deny",
      limitedBy: "connected_environment",
    });
    expect(stageCeilingDetail({ ...base, stage: "pilot", environment: "staging" })).toEqual({ ceiling: "allow", limitedBy: "stage_table" });
    expect(
      stageCeilingDetail({ stage: "deep_embedding", environment: "production", capabilityKind: "connected", risk: "high", effect: "write" }),
    ).toEqual({ ceiling: "review", limitedBy: "hard_limit" });
    expect(
      stageCeilingDetail({ stage: "deep_embedding", environment: "staging", capabilityKind: "connected", risk: "high", effect: "write" }),
    ).toEqual({ ceiling: "review", limitedBy: "stage_table" });
  });
});

describe("resolveStageBounds", () => {
  it("returns the table when there is no override for the stage", () => {
    for (const stage of STAGES) {
      expect(resolveStageBounds(stage)).toEqual(STAGE_BOUNDS[stage]);
      expect(resolveStageBounds(stage, null)).toEqual(STAGE_BOUNDS[stage]);
      expect(resolveStageBounds(stage, {})).toEqual(STAGE_BOUNDS[stage]);
    }
    expect(resolveStageBounds("broad_exposure", { pilot: { maxApps: 0 } })).toEqual(STAGE_BOUNDS.broad_exposure);
  });

  it("applies fewer environments, keeping canonical order", () => {
    const b = resolveStageBounds("bounded_production", { bounded_production: { environments: ["production", "sandbox"] } });
    expect(b.environments).toEqual(["sandbox", "production"]);
    expect(b.connectedEnvironments).toEqual(["sandbox", "production"]);
  });

  it("ignores environments the table does not allow (no loosening)", () => {
    const b = resolveStageBounds("pilot", { pilot: { environments: ["sandbox", "staging", "production"] } });
    expect(b.environments).toEqual(["sandbox", "staging"]);
  });

  it("never allows connected capabilities in more environments", () => {
    const b = resolveStageBounds("pilot", { pilot: { connectedEnvironments: ["sandbox", "staging", "production"] } });
    expect(b.connectedEnvironments).toEqual(["sandbox"]);
  });

  it("disallows connected capabilities in more environments", () => {
    const b = resolveStageBounds("broad_exposure", { broad_exposure: { connectedEnvironments: ["sandbox"] } });
    expect(b.connectedEnvironments).toEqual(["sandbox"]);
    expect(b.environments).toEqual(["sandbox", "staging", "production"]);
    expect(resolveStageBounds("pilot", { pilot: { connectedEnvironments: [] } }).connectedEnvironments).toEqual([]);
  });

  it("keeps connected environments inside the allowed environments", () => {
    const b = resolveStageBounds("broad_exposure", { broad_exposure: { environments: ["sandbox"], connectedEnvironments: ["staging", "sandbox"] } });
    expect(b.connectedEnvironments).toEqual(["sandbox"]);
  });

  it("lowers ceilings and clamps looser ones to the table", () => {
    const b = resolveStageBounds("pilot", {
      pilot: { ceilings: { low: { read: "review", write: "allow" }, high: { read: "deny" } } },
    });
    expect(b.ceilings.low.read).toBe("review");
    expect(b.ceilings.low.write).toBe("review"); // allow asked, table says review
    expect(b.ceilings.high.read).toBe("deny");
    expect(b.ceilings.high.write).toBe("review");
    expect(b.ceilings.medium).toEqual({ read: "review", write: "review" });
  });

  it("ignores a ceiling value that is not a policy", () => {
    const b = resolveStageBounds("pilot", { pilot: { ceilings: { low: { read: "yes" as Policy } } } });
    expect(b.ceilings.low.read).toBe("allow");
  });

  it.each([
    ["pilot", 0, 0],
    ["pilot", 1, 1],
    ["pilot", 3, 1],
    ["bounded_production", 1, 1],
    ["broad_exposure", 9, 5],
    ["deep_embedding", 10, 10],
    ["deep_embedding", 0, 0],
    ["broad_exposure", -2, 0],
    ["broad_exposure", 2.7, 2],
    ["broad_exposure", Number.NaN, 5],
    ["deep_embedding", Number.POSITIVE_INFINITY, null],
    ["broad_exposure", Number.POSITIVE_INFINITY, 5],
    ["broad_exposure", Number.NEGATIVE_INFINITY, 0],
  ] as const)("%s with maxApps %s → %s", (stage, requested, expected) => {
    expect(resolveStageBounds(stage, { [stage]: { maxApps: requested } }).maxApps).toBe(expected);
  });

  it("the table is frozen", () => {
    expect(Object.isFrozen(STAGE_BOUNDS.pilot.ceilings.low)).toBe(true);
    expect(Object.isFrozen(STAGE_BOUNDS.pilot.environments)).toBe(true);
  });

  it("does not mutate the table", () => {
    const before = JSON.stringify(STAGE_BOUNDS);
    resolveStageBounds("pilot", { pilot: { environments: ["sandbox"], ceilings: { low: { read: "deny" } }, maxApps: 0 } });
    expect(JSON.stringify(STAGE_BOUNDS)).toBe(before);
  });

  it("feeds stageCeiling", () => {
    const override = { broad_exposure: { environments: ["sandbox", "staging"], connectedEnvironments: ["sandbox"], ceilings: { medium: { write: "review" } } } } as const;
    const c = { stage: "broad_exposure", capabilityKind: "builtin", risk: "low", effect: "read", override } as const;
    expect(stageCeilingDetail({ ...c, environment: "production" })).toEqual({ ceiling: "deny", limitedBy: "environment" });
    expect(stageCeilingDetail({ ...c, environment: "staging", capabilityKind: "connected" })).toEqual({ ceiling: "deny", limitedBy: "connected_environment" });
    expect(stageCeilingDetail({ ...c, environment: "staging", risk: "medium", effect: "write" })).toEqual({ ceiling: "review", limitedBy: "space_override" });
    expect(stageCeilingDetail({ ...c, environment: "staging", risk: "medium", effect: "read" })).toEqual({ ceiling: "allow", limitedBy: "stage_table" });
  });

  it("a space override can lower the production high-write ceiling below the hard limit", () => {
    const override = { deep_embedding: { ceilings: { high: { write: "deny" } } } } as const;
    expect(riskEffectCeiling({ stage: "deep_embedding", environment: "production", risk: "high", effect: "write", override })).toEqual({
      ceiling: "deny",
      limitedBy: "space_override",
    });
  });
});

describe("SpaceBoundsOverrideInput", () => {
  it("accepts a partial override", () => {
    const value = { pilot: { environments: ["sandbox"], ceilings: { low: { write: "deny" } }, maxApps: 1 }, broad_exposure: {} };
    expect(SpaceBoundsOverrideInput.parse(value)).toEqual(value);
    expect(SpaceBoundsOverrideInput.parse({})).toEqual({});
  });

  it.each([
    [{ alpha: {} }],
    [{ pilot: { environments: ["moon"] } }],
    [{ pilot: { ceilings: { huge: { read: "deny" } } } }],
    [{ pilot: { ceilings: { low: { read: "maybe" } } } }],
    [{ pilot: { maxApps: -1 } }],
    [{ pilot: { maxApps: 1.5 } }],
  ])("rejects %j", (value) => {
    expect(SpaceBoundsOverrideInput.safeParse(value).success).toBe(false);
  });
});

describe("checkGrantWithinBounds", () => {
  const grant = (g: Partial<GrantBoundsCheckInput> & { stage: Stage }): GrantBoundsCheckInput => ({
    capabilityKey: "memory",
    environment: "sandbox" as Environment,
    enabled: true,
    policies: {},
    ...g,
  });

  it("accepts a grant inside the bounds", () => {
    expect(checkGrantWithinBounds(grant({ stage: "pilot", policies: { "memory.read": "allow", "memory.write": "review" } }))).toEqual({ ok: true });
    expect(checkGrantWithinBounds(grant({ stage: "pilot", capabilityKey: "crm", policies: { "crm.lookup_contact": "allow", "crm.delete_contact": "deny" } }))).toEqual({ ok: true });
    expect(checkGrantWithinBounds(grant({ stage: "broad_exposure", environment: "production", capabilityKey: "crm", policies: { "crm.export_contacts": "allow", "crm.delete_contact": "review" } }))).toEqual({ ok: true });
  });

  it("names the stage and the risk × effect bound", () => {
    expect(checkGrantWithinBounds(grant({ stage: "pilot", capabilityKey: "email", policies: { "email.send": "allow" } }))).toEqual({
      ok: false,
      message: "Stage Pilot allows at most review for high-risk write actions (email.send is allow)",
    });
    expect(checkGrantWithinBounds(grant({ stage: "bounded_production", environment: "staging", capabilityKey: "crm", policies: { "crm.update_contact": "allow" } }))).toEqual({
      ok: false,
      message: "Stage Bounded production allows at most review for medium-risk write actions (crm.update_contact is allow)",
    });
  });

  it("names the product hard limit for a high-risk write in production", () => {
    const result = checkGrantWithinBounds(grant({ stage: "deep_embedding", environment: "production", capabilityKey: "webhook", policies: { "webhook.post": "allow" } }));
    expect(result).toEqual({
      ok: false,
      message: "High-risk write actions in production are always at most review, at every stage (product limit; stage Deep embedding) (webhook.post is allow)",
    });
  });

  it("refuses an enabled grant in an environment the stage does not allow", () => {
    expect(checkGrantWithinBounds(grant({ stage: "pilot", environment: "production" }))).toEqual({
      ok: false,
      message: "Stage Pilot does not allow the production environment (it allows sandbox and staging)",
    });
  });

  it("refuses an enabled connected grant outside sandbox during pilot", () => {
    expect(checkGrantWithinBounds(grant({ stage: "pilot", environment: "staging", capabilityKey: "crm" }))).toEqual({
      ok: false,
      message: "Stage Pilot allows connected capabilities only in sandbox",
    });
  });

  it("accepts a disabled grant in a disallowed environment whose policies fit the ceilings", () => {
    expect(checkGrantWithinBounds(grant({ stage: "pilot", environment: "production", enabled: false, policies: { "memory.write": "review" } }))).toEqual({ ok: true });
    expect(checkGrantWithinBounds(grant({ stage: "pilot", environment: "staging", capabilityKey: "crm", enabled: false }))).toEqual({ ok: true });
  });

  it("still refuses a disabled grant's policy above its ceiling", () => {
    const result = checkGrantWithinBounds(grant({ stage: "pilot", environment: "production", enabled: false, policies: { "memory.write": "allow" } }));
    expect(result).toEqual({ ok: false, message: "Stage Pilot allows at most review for low-risk write actions (memory.write is allow)" });
  });

  it("names the space when its override is the bound", () => {
    const override = { broad_exposure: { environments: ["sandbox", "staging"], connectedEnvironments: ["sandbox"], ceilings: { low: { read: "review" } } } } as const;
    expect(checkGrantWithinBounds(grant({ stage: "broad_exposure", environment: "production", override }))).toEqual({
      ok: false,
      message: "This space does not allow the production environment at stage Broad exposure",
    });
    expect(checkGrantWithinBounds(grant({ stage: "broad_exposure", environment: "staging", capabilityKey: "crm", override }))).toEqual({
      ok: false,
      message: "This space does not allow connected capabilities in staging at stage Broad exposure",
    });
    expect(checkGrantWithinBounds(grant({ stage: "broad_exposure", policies: { "memory.read": "allow" }, override }))).toEqual({
      ok: false,
      message: "This space allows at most review for low-risk read actions at stage Broad exposure (memory.read is allow)",
    });
  });

  it("refuses unknown capabilities, foreign actions and non-policies", () => {
    expect(checkGrantWithinBounds(grant({ stage: "pilot", capabilityKey: "teleport" }))).toEqual({ ok: false, message: 'Unknown capability "teleport"' });
    expect(checkGrantWithinBounds(grant({ stage: "pilot", policies: { "crm.update_contact": "deny" } }))).toEqual({
      ok: false,
      message: '"crm.update_contact" is not an action of Memory',
    });
    expect(checkGrantWithinBounds(grant({ stage: "pilot", policies: { "memory.read": "sometimes" as Policy } }))).toEqual({
      ok: false,
      message: '"sometimes" is not a policy for memory.read',
    });
  });

  it("accepts deny for every action everywhere", () => {
    for (const stage of STAGES) for (const environment of ENVIRONMENTS) {
      const policies = { "crm.lookup_contact": "deny", "crm.update_contact": "deny", "crm.export_contacts": "deny", "crm.delete_contact": "deny" } as const;
      expect(checkGrantWithinBounds({ stage, environment, capabilityKey: "crm", enabled: false, policies })).toEqual({ ok: true });
    }
  });

  it("agrees with stageCeiling for every catalog action × stage × environment × policy (enabled grants)", () => {
    for (const stage of STAGES) for (const environment of ENVIRONMENTS) for (const capabilityKey of ["memory", "crm", "email", "ticketing"]) {
      for (const policy of POLICIES) {
        const actions = { memory: ["memory.read", "memory.write"], crm: ["crm.lookup_contact", "crm.update_contact", "crm.export_contacts", "crm.delete_contact"], email: ["email.read_inbox", "email.send"], ticketing: ["ticketing.list_tickets", "ticketing.create_ticket"] }[capabilityKey]!;
        for (const actionKey of actions) {
          const result = checkGrantWithinBounds({ stage, environment, capabilityKey, enabled: true, policies: { [actionKey]: policy } });
          const envAllowed = EXPECTED_ENVS[stage].includes(environment) && (["memory"].includes(capabilityKey) || EXPECTED_CONNECTED_ENVS[stage].includes(environment));
          if (!envAllowed) {
            expect(result.ok, `${stage} ${environment} ${actionKey}`).toBe(false);
            continue;
          }
          const ref = { "memory.read": "low read", "memory.write": "low write", "crm.lookup_contact": "low read", "crm.update_contact": "medium write", "crm.export_contacts": "high read", "crm.delete_contact": "high write", "email.read_inbox": "medium read", "email.send": "high write", "ticketing.list_tickets": "medium read", "ticketing.create_ticket": "medium write" }[actionKey] as `${Risk} ${Effect}`;
          let ceiling = EXPECTED_CEILINGS[stage][ref];
          if (environment === "production" && ref === "high write") ceiling = minPolicy(ceiling, "review");
          expect(result.ok, `${stage} ${environment} ${actionKey} ${policy}`).toBe(!exceedsPolicy(policy, ceiling));
        }
      }
    }
  });
});

describe("grantsExceedingBounds (rollback preview)", () => {
  const grants: GrantBoundsInput[] = [
    // fits pilot: omitted
    { capabilityKey: "memory", environment: "sandbox", enabled: true, policies: { "memory.read": "allow", "memory.write": "review" } },
    // low write allowed at bounded_production, review at pilot
    { capabilityKey: "planning", environment: "staging", enabled: true, policies: { "planning.create_plan": "allow", "planning.list_plans": "allow" } },
    // production not allowed at pilot: disabled, and policies lowered
    { capabilityKey: "memory", environment: "production", enabled: true, policies: { "memory.read": "allow", "memory.write": "allow" } },
    // connected in staging not allowed at pilot: disabled; policies already fit
    { capabilityKey: "crm", environment: "staging", enabled: true, policies: { "crm.lookup_contact": "allow", "crm.update_contact": "review" } },
    // already disabled: not disabled again, policies lowered
    { capabilityKey: "ticketing", environment: "production", enabled: false, policies: { "ticketing.list_tickets": "allow" } },
    // unknown capability and removed action: left alone
    { capabilityKey: "teleport", environment: "sandbox", enabled: true, policies: { "teleport.go": "allow" } },
    { capabilityKey: "memory", environment: "staging", enabled: true, policies: { "memory.forget_all": "allow" } },
  ];

  it("lists what a rollback to pilot rewrites, and to what", () => {
    expect(grantsExceedingBounds(grants, "pilot")).toEqual([
      {
        capabilityKey: "planning",
        environment: "staging",
        disable: false,
        disableReason: null,
        policyChanges: [{ actionKey: "planning.create_plan", from: "allow", to: "review" }],
      },
      {
        capabilityKey: "memory",
        environment: "production",
        disable: true,
        disableReason: "Stage Pilot does not allow the production environment (it allows sandbox and staging)",
        policyChanges: [{ actionKey: "memory.write", from: "allow", to: "review" }],
      },
      {
        capabilityKey: "crm",
        environment: "staging",
        disable: true,
        disableReason: "Stage Pilot allows connected capabilities only in sandbox",
        policyChanges: [],
      },
      {
        capabilityKey: "ticketing",
        environment: "production",
        disable: false,
        disableReason: null,
        policyChanges: [{ actionKey: "ticketing.list_tickets", from: "allow", to: "review" }],
      },
    ]);
  });

  it("rewrites nothing for the stage the grants were made at", () => {
    expect(grantsExceedingBounds(grants, "bounded_production")).toEqual([]);
  });

  it("applies a space tightening too", () => {
    const rewrites = grantsExceedingBounds(grants.slice(0, 1), "bounded_production", {
      bounded_production: { ceilings: { low: { read: "deny" } } },
    });
    expect(rewrites).toEqual([
      { capabilityKey: "memory", environment: "sandbox", disable: false, disableReason: null, policyChanges: [{ actionKey: "memory.read", from: "allow", to: "deny" }] },
    ]);
  });

  it("applyGrantRewrites gives grants that pass checkGrantWithinBounds", () => {
    const rewritten = applyGrantRewrites(grants.slice(0, 5), grantsExceedingBounds(grants, "pilot"));
    expect(rewritten[2]).toEqual({ capabilityKey: "memory", environment: "production", enabled: false, policies: { "memory.read": "allow", "memory.write": "review" } });
    expect(rewritten[0]).toBe(grants[0]);
    for (const g of rewritten) expect(checkGrantWithinBounds({ ...g, stage: "pilot" })).toEqual({ ok: true });
    expect(grantsExceedingBounds(rewritten, "pilot")).toEqual([]);
    // the input is not mutated
    expect(grants[2]?.enabled).toBe(true);
  });
});

describe("suggestedGrantPolicies", () => {
  it("caps the catalog default by the ceiling", () => {
    expect(suggestedGrantPolicies({ capabilityKey: "crm", stage: "pilot", environment: "sandbox" })).toEqual({
      "crm.lookup_contact": "allow",
      "crm.update_contact": "review",
      "crm.export_contacts": "review",
      "crm.delete_contact": "review",
    });
    expect(suggestedGrantPolicies({ capabilityKey: "crm", stage: "pilot", environment: "staging" })).toEqual({
      "crm.lookup_contact": "deny",
      "crm.update_contact": "deny",
      "crm.export_contacts": "deny",
      "crm.delete_contact": "deny",
    });
    expect(
      suggestedGrantPolicies({ capabilityKey: "memory", stage: "pilot", environment: "sandbox", override: { pilot: { ceilings: { low: { read: "review" } } } } }),
    ).toEqual({ "memory.read": "review", "memory.write": "review", "memory.delete": "review" });
    expect(suggestedGrantPolicies({ capabilityKey: "nope", stage: "pilot", environment: "sandbox" })).toEqual({});
  });

  it("suggestions always pass checkGrantWithinBounds where the environment is allowed", () => {
    for (const stage of STAGES) for (const environment of ENVIRONMENTS) for (const capabilityKey of ["memory", "crm", "email", "webhook", "calendar"]) {
      const policies = suggestedGrantPolicies({ capabilityKey, stage, environment });
      expect(checkGrantWithinBounds({ stage, environment, capabilityKey, enabled: false, policies })).toEqual({ ok: true });
    }
  });
});
