import { describe, expect, it } from "vitest";
import {
  AutonomySettingsInput,
  DEFAULT_AUTONOMY_SETTINGS,
  autonomySuggestions,
  describeEvidence,
  resolveAutonomySettings,
  type ActionRecord,
  type AutonomyGrant,
  type AutonomyInput,
} from "./autonomy";
import { STAGES, type Environment, type Policy, type Stage } from "./constants";

const settings = { approvalsToAllow: 20, windowDays: 30, rejectionsToReview: 1 };
const grant = (capabilityKey: string, environment: Environment, policies: Record<string, Policy>, enabled = true): AutonomyGrant => ({
  capabilityKey,
  environment,
  enabled,
  policies,
});
const rec = (actionKey: string, environment: Environment, approvals: number, rejections = 0, failedAllowed = 0): ActionRecord => ({
  actionKey,
  environment,
  approvals,
  rejections,
  failedAllowed,
});
const run = (over: Partial<AutonomyInput>) =>
  autonomySuggestions({ stage: "bounded_production", settings, grants: [], records: [], ...over });

describe("settings", () => {
  it("defaults to 20 approvals, 30 days, 1 rejection", () => {
    expect(DEFAULT_AUTONOMY_SETTINGS).toEqual({ approvalsToAllow: 20, windowDays: 30, rejectionsToReview: 1 });
    expect(resolveAutonomySettings(null)).toEqual(DEFAULT_AUTONOMY_SETTINGS);
    expect(resolveAutonomySettings("junk")).toEqual(DEFAULT_AUTONOMY_SETTINGS);
  });
  it("takes each valid stored field and falls back per field for invalid ones", () => {
    expect(resolveAutonomySettings({ approvalsToAllow: 5 })).toEqual({ ...DEFAULT_AUTONOMY_SETTINGS, approvalsToAllow: 5 });
    expect(resolveAutonomySettings({ approvalsToAllow: 0, windowDays: 2.5, rejectionsToReview: "3" })).toEqual(DEFAULT_AUTONOMY_SETTINGS);
    expect(resolveAutonomySettings({ approvalsToAllow: 7, windowDays: 400, rejectionsToReview: 2 })).toEqual({
      approvalsToAllow: 7,
      windowDays: 30,
      rejectionsToReview: 2,
    });
  });
  it("parses form values and names the field limits", () => {
    expect(AutonomySettingsInput.parse({ approvalsToAllow: "12", windowDays: "14", rejectionsToReview: "2" })).toEqual({
      approvalsToAllow: 12,
      windowDays: 14,
      rejectionsToReview: 2,
    });
    const bad = AutonomySettingsInput.safeParse({ approvalsToAllow: "0", windowDays: "366", rejectionsToReview: "1.5" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(["Approvals must be at least 1.", "The window must be at most 365.", "Rejections must be a whole number."]),
    );
  });
});

describe("review → allow", () => {
  const planning = grant("planning", "sandbox", { "planning.create_plan": "review", "planning.list_plans": "allow" });

  it("suggests allow at exactly N approvals and no rejection, with the evidence", () => {
    const [s, ...rest] = run({ grants: [planning], records: [rec("planning.create_plan", "sandbox", 20)] });
    expect(rest).toEqual([]);
    expect(s).toEqual({
      capabilityKey: "planning",
      actionKey: "planning.create_plan",
      environment: "sandbox",
      from: "review",
      to: "allow",
      direction: "loosen",
      evidence: { approvals: 20, rejections: 0, failedAllowed: 0, windowDays: 30 },
      blocked: null,
    });
  });

  it("suggests nothing below N approvals or with any rejection", () => {
    expect(run({ grants: [planning], records: [rec("planning.create_plan", "sandbox", 19)] })).toEqual([]);
    expect(run({ grants: [planning], records: [rec("planning.create_plan", "sandbox", 100, 1)] })).toEqual([]);
  });

  it("follows the space's N", () => {
    const records = [rec("planning.create_plan", "sandbox", 3)];
    expect(run({ grants: [planning], records, settings: { ...settings, approvalsToAllow: 3 } })).toHaveLength(1);
    expect(run({ grants: [planning], records, settings: { ...settings, approvalsToAllow: 4 } })).toHaveLength(0);
  });

  it("leaves disabled grants, missing grants, other environments, deny policies and unknown actions alone", () => {
    const records = [rec("planning.create_plan", "sandbox", 50)];
    expect(run({ grants: [grant("planning", "sandbox", { "planning.create_plan": "review" }, false)], records })).toEqual([]);
    expect(run({ grants: [], records })).toEqual([]);
    expect(run({ grants: [grant("planning", "staging", { "planning.create_plan": "review" })], records })).toEqual([]);
    expect(run({ grants: [grant("planning", "sandbox", { "planning.create_plan": "deny" })], records })).toEqual([]);
    expect(run({ grants: [planning], records: [rec("planning.fly", "sandbox", 50)] })).toEqual([]);
  });

  it("uses the catalog default when the grant does not list the action", () => {
    // create_plan is a low-risk write: default review.
    const s = run({ grants: [grant("planning", "sandbox", {})], records: [rec("planning.create_plan", "sandbox", 20)] });
    expect(s).toMatchObject([{ from: "review", to: "allow", blocked: null }]);
  });

  it("is offered but blocked, with the stage's words, when the stage caps the action at review", () => {
    const [s] = run({ stage: "pilot", grants: [planning], records: [rec("planning.create_plan", "sandbox", 25)] });
    expect(s).toMatchObject({ to: "allow", blocked: "Stage Pilot allows at most review for low-risk write actions (planning.create_plan is allow)" });
  });

  it("is blocked by a space override that lowers the ceiling", () => {
    const [s] = run({
      grants: [planning],
      records: [rec("planning.create_plan", "sandbox", 25)],
      override: { bounded_production: { ceilings: { low: { write: "review" } } } },
    });
    expect(s!.blocked).toBe("This space allows at most review for low-risk write actions at stage Bounded production (planning.create_plan is allow)");
  });

  it("is blocked by the product hard limit for a high-risk write in production, at every stage", () => {
    for (const stage of STAGES) {
      const out = run({
        stage,
        grants: [grant("email", "production", { "email.send": "review" })],
        records: [rec("email.send", "production", 500)],
      });
      // Pilot does not touch production at all: the action is effectively denied, nothing to suggest.
      if (stage === "pilot") expect(out).toEqual([]);
      else expect(out[0]!.blocked, stage).toMatch(/always at most review/);
    }
  });

  it("follows the stage table for every risk × effect", () => {
    const cases: [Stage, string, string, boolean][] = [
      // [stage, capability, action, applicable]
      ["pilot", "memory", "memory.write", false], // low write
      ["bounded_production", "memory", "memory.write", true],
      ["bounded_production", "crm", "crm.update_contact", false], // medium write
      ["broad_exposure", "crm", "crm.update_contact", true],
      ["broad_exposure", "crm", "crm.export_contacts", true], // high read
      ["bounded_production", "crm", "crm.export_contacts", false],
      ["deep_embedding", "crm", "crm.delete_contact", false], // high write
    ];
    for (const [stage, cap, action, ok] of cases) {
      const [s] = run({ stage, grants: [grant(cap, "staging", { [action]: "review" })], records: [rec(action, "staging", 40)] });
      expect(s, `${stage} ${action}`).toBeDefined();
      expect(s!.blocked === null, `${stage} ${action}`).toBe(ok);
    }
  });
});

describe("allow → review", () => {
  const memory = grant("memory", "staging", { "memory.write": "allow", "memory.read": "allow" });

  it("suggests review after a rejection recorded in the window", () => {
    const [s] = run({ grants: [memory], records: [rec("memory.write", "staging", 30, 1)] });
    expect(s).toMatchObject({ from: "allow", to: "review", direction: "tighten", blocked: null, evidence: { rejections: 1 } });
  });

  it("counts failed outcomes of allowed actions as problems", () => {
    const [s] = run({ grants: [memory], records: [rec("memory.write", "staging", 0, 0, 1)] });
    expect(s).toMatchObject({ to: "review", evidence: { failedAllowed: 1 } });
  });

  it("needs the space's number of problems", () => {
    const st = { ...settings, rejectionsToReview: 3 };
    expect(run({ grants: [memory], settings: st, records: [rec("memory.write", "staging", 0, 1, 1)] })).toEqual([]);
    expect(run({ grants: [memory], settings: st, records: [rec("memory.write", "staging", 0, 2, 1)] })).toHaveLength(1);
  });

  it("suggests nothing for a clean record", () => {
    expect(run({ grants: [memory], records: [rec("memory.write", "staging", 5), rec("memory.read", "staging", 0)] })).toEqual([]);
  });

  it("reads the effective policy: a stored allow above the ceiling is already review, so nothing to tighten", () => {
    // pilot caps low writes at review; a stale stored allow is effectively review.
    expect(run({ stage: "pilot", grants: [memory], records: [rec("memory.write", "staging", 0, 2)] })).toEqual([]);
  });
});

describe("order and words", () => {
  it("lists applicable before blocked, tightenings before loosenings", () => {
    const out = run({
      stage: "bounded_production",
      grants: [
        grant("planning", "sandbox", { "planning.create_plan": "review" }),
        grant("memory", "sandbox", { "memory.write": "allow" }),
        grant("crm", "sandbox", { "crm.update_contact": "review" }),
      ],
      records: [
        rec("crm.update_contact", "sandbox", 30),
        rec("planning.create_plan", "sandbox", 30),
        rec("memory.write", "sandbox", 0, 2),
      ],
    });
    expect(out.map((s) => [s.actionKey, s.direction, s.blocked !== null])).toEqual([
      ["memory.write", "tighten", false],
      ["planning.create_plan", "loosen", false],
      ["crm.update_contact", "loosen", true],
    ]);
  });

  it("describes the evidence", () => {
    expect(describeEvidence({ approvals: 24, rejections: 0, failedAllowed: 0, windowDays: 30 })).toBe("24 approvals, 0 rejections in 30 days");
    expect(describeEvidence({ approvals: 1, rejections: 1, failedAllowed: 2, windowDays: 1 })).toBe(
      "1 approval, 1 rejection, 2 failed outcomes in 1 day",
    );
  });
});
