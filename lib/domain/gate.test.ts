import { describe, expect, it } from "vitest";
import { STAGES } from "./constants";
import {
  DEFAULT_GATE_THRESHOLDS,
  GATE_CRITERION_KEYS,
  GateThresholdsInput,
  describeGate,
  evaluateGate,
  type GateEvidence,
  type GateThresholds,
} from "./gate";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2025-06-30T12:00:00Z");
const daysAgo = (d: number, extraMs = 0) => new Date(NOW.getTime() - d * DAY - extraMs);

const T: GateThresholds = { minReviewedActions: 20, minApprovalRatePercent: 80, lookbackDays: 7, minDaysAtStage: 10 };

/** Evidence that passes T with nothing to spare. */
function evidence(overrides: Partial<GateEvidence> = {}): GateEvidence {
  return {
    reviewedCount: 20,
    approvedCount: 16,
    rejectedCount: 4,
    lastHighRiskRejectionAt: daysAgo(7),
    lastPauseAt: daysAgo(7),
    stageEnteredAt: daysAgo(10),
    now: NOW,
    ...overrides,
  };
}

function criterion(e: GateEvidence, key: string, thresholds: GateThresholds = T) {
  const result = evaluateGate("pilot", e, thresholds);
  if (!result.applicable) throw new Error("expected an applicable gate");
  const c = result.criteria.find((x) => x.key === key);
  if (!c) throw new Error(`no criterion ${key}`);
  return c;
}

describe("DEFAULT_GATE_THRESHOLDS", () => {
  it("has a gate for every stage but the last", () => {
    expect(DEFAULT_GATE_THRESHOLDS.deep_embedding).toBeNull();
    for (const stage of STAGES.slice(0, -1)) expect(DEFAULT_GATE_THRESHOLDS[stage]).not.toBeNull();
  });

  it("gets stricter at later stages", () => {
    const [a, b, c] = [DEFAULT_GATE_THRESHOLDS.pilot!, DEFAULT_GATE_THRESHOLDS.bounded_production!, DEFAULT_GATE_THRESHOLDS.broad_exposure!];
    for (const key of ["minReviewedActions", "minApprovalRatePercent", "lookbackDays", "minDaysAtStage"] as const) {
      expect(b[key], key).toBeGreaterThan(a[key]);
      expect(c[key], key).toBeGreaterThan(b[key]);
    }
  });

  it("are valid GateThresholdsInput", () => {
    for (const stage of STAGES.slice(0, -1)) {
      expect(GateThresholdsInput.parse(DEFAULT_GATE_THRESHOLDS[stage])).toEqual(DEFAULT_GATE_THRESHOLDS[stage]);
    }
  });
});

describe("evaluateGate", () => {
  it("is not applicable at the last stage", () => {
    expect(evaluateGate("deep_embedding", evidence())).toEqual({ applicable: false, from: "deep_embedding", passed: false, criteria: [] });
    expect(evaluateGate("deep_embedding", evidence(), T)).toMatchObject({ applicable: false });
  });

  it("passes with every criterion exactly at its threshold", () => {
    const result = evaluateGate("pilot", evidence(), T);
    expect(result).toMatchObject({ applicable: true, from: "pilot", to: "bounded_production", passed: true });
    expect(result.criteria.map((c) => c.key)).toEqual([...GATE_CRITERION_KEYS]);
    expect(result.criteria.every((c) => c.passed)).toBe(true);
  });

  it("fails when any one criterion fails", () => {
    const result = evaluateGate("pilot", evidence({ reviewedCount: 19, approvedCount: 16, rejectedCount: 3 }), T);
    expect(result.passed).toBe(false);
    expect(result.criteria.filter((c) => !c.passed).map((c) => c.key)).toEqual(["reviewed_actions"]);
  });

  it("uses the default thresholds of the stage", () => {
    const t = DEFAULT_GATE_THRESHOLDS.bounded_production!;
    const result = evaluateGate("bounded_production", evidence());
    expect(result).toMatchObject({ applicable: true, to: "broad_exposure" });
    expect(result.criteria.map((c) => c.threshold)).toEqual([t.minReviewedActions, t.minApprovalRatePercent, t.lookbackDays, t.lookbackDays, t.minDaysAtStage]);
  });

  it("gives every criterion a human label, a unit and a detail", () => {
    const result = evaluateGate("pilot", evidence(), T);
    expect(result.criteria.map((c) => [c.label, c.unit])).toEqual([
      ["At least 20 reviewed actions at this stage", "actions"],
      ["Approval rate at least 80%", "percent"],
      ["No rejected high-risk action in the last 7 days", "days"],
      ["No incident (pause) in the last 7 days", "days"],
      ["At least 10 days at this stage", "days"],
    ]);
    for (const c of result.criteria) expect(c.detail.length).toBeGreaterThan(0);
  });

  it("never produces NaN or Infinity", () => {
    const result = evaluateGate("pilot", evidence({ reviewedCount: 0, approvedCount: 0, rejectedCount: 0 }), T);
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/NaN|Infinity/);
    for (const c of result.criteria) if (c.value !== null) expect(Number.isFinite(c.value)).toBe(true);
  });

  it("describes the result in one line", () => {
    expect(describeGate(evaluateGate("pilot", evidence(), T))).toBe("Gate to Bounded production passed");
    expect(describeGate(evaluateGate("pilot", evidence({ reviewedCount: 0 }), T))).toBe("Gate to Bounded production not passed: 2 criteria unmet");
    expect(describeGate(evaluateGate("pilot", evidence({ stageEnteredAt: NOW }), T))).toBe("Gate to Bounded production not passed: 1 criterion unmet");
    expect(describeGate(evaluateGate("deep_embedding", evidence()))).toBe("Deep embedding is the last stage; there is no gate");
  });
});

describe("criterion: reviewed actions", () => {
  it("passes at N and fails at N − 1", () => {
    expect(criterion(evidence({ reviewedCount: 20 }), "reviewed_actions")).toMatchObject({ value: 20, threshold: 20, passed: true });
    expect(criterion(evidence({ reviewedCount: 19 }), "reviewed_actions")).toMatchObject({ value: 19, passed: false, detail: "19 actions reviewed at this stage, 20 needed" });
  });

  it("passes with a threshold of 0 and nothing reviewed", () => {
    expect(criterion(evidence({ reviewedCount: 0 }), "reviewed_actions", { ...T, minReviewedActions: 0 }).passed).toBe(true);
  });
});

describe("criterion: approval rate", () => {
  it("passes exactly at the threshold and fails just below", () => {
    expect(criterion(evidence({ reviewedCount: 20, approvedCount: 16, rejectedCount: 4 }), "approval_rate")).toMatchObject({
      value: 80,
      threshold: 80,
      passed: true,
      detail: "16 of 20 reviewed actions approved (80%), 4 rejected",
    });
    expect(criterion(evidence({ reviewedCount: 20, approvedCount: 15, rejectedCount: 5 }), "approval_rate")).toMatchObject({ value: 75, passed: false });
  });

  it("compares exactly, without rounding errors", () => {
    // 2/3 = 66.67%: passes 66, fails 67
    const e = evidence({ reviewedCount: 3, approvedCount: 2, rejectedCount: 1 });
    expect(criterion(e, "approval_rate", { ...T, minApprovalRatePercent: 66 })).toMatchObject({ value: 66.7, passed: true });
    expect(criterion(e, "approval_rate", { ...T, minApprovalRatePercent: 67 }).passed).toBe(false);
    // 7/10 = 70% exactly (floating 0.7 * 100 = 70.00000000000001)
    expect(criterion(evidence({ reviewedCount: 10, approvedCount: 7, rejectedCount: 3 }), "approval_rate", { ...T, minApprovalRatePercent: 70 }).passed).toBe(true);
    expect(criterion(evidence({ reviewedCount: 100, approvedCount: 100, rejectedCount: 0 }), "approval_rate", { ...T, minApprovalRatePercent: 100 }).passed).toBe(true);
    expect(criterion(evidence({ reviewedCount: 100, approvedCount: 99, rejectedCount: 1 }), "approval_rate", { ...T, minApprovalRatePercent: 100 }).passed).toBe(false);
  });

  it("fails with a clear detail when nothing was reviewed", () => {
    expect(criterion(evidence({ reviewedCount: 0, approvedCount: 0, rejectedCount: 0 }), "approval_rate")).toEqual({
      key: "approval_rate",
      label: "Approval rate at least 80%",
      value: null,
      threshold: 80,
      unit: "percent",
      passed: false,
      detail: "No action reviewed yet, so there is no approval rate to measure",
    });
  });

  it("passes with nothing reviewed only when no minimum is set", () => {
    expect(criterion(evidence({ reviewedCount: 0, approvedCount: 0, rejectedCount: 0 }), "approval_rate", { ...T, minApprovalRatePercent: 0 })).toMatchObject({
      value: null,
      passed: true,
      detail: "No action reviewed yet; no minimum approval rate is set",
    });
  });
});

describe.each([
  ["no_high_risk_rejection", "lastHighRiskRejectionAt", "rejected high-risk action"],
  ["no_incident", "lastPauseAt", "incident (pause)"],
] as const)("criterion: %s", (key, field, what) => {
  it("passes when it never happened", () => {
    expect(criterion(evidence({ [field]: null }), key)).toMatchObject({ value: null, threshold: 7, passed: true, detail: `No ${what} at any time` });
  });

  it("passes exactly D days after and fails 1 ms sooner", () => {
    expect(criterion(evidence({ [field]: daysAgo(7) }), key)).toMatchObject({ value: 7, passed: true });
    expect(criterion(evidence({ [field]: daysAgo(7, -1) }), key)).toMatchObject({ value: 6, passed: false, detail: `Last ${what} 6 days ago; needs 7 days without one` });
  });

  it("fails when it happened today", () => {
    expect(criterion(evidence({ [field]: NOW }), key)).toMatchObject({ value: 0, passed: false, detail: `Last ${what} less than a day ago; needs 7 days without one` });
  });

  it("with D = 0 passes even if it happened just now", () => {
    expect(criterion(evidence({ [field]: NOW }), key, { ...T, lookbackDays: 0 }).passed).toBe(true);
  });
});

describe("criterion: days at stage", () => {
  it("passes exactly T days after entering and fails 1 ms sooner", () => {
    expect(criterion(evidence({ stageEnteredAt: daysAgo(10) }), "days_at_stage")).toMatchObject({ value: 10, threshold: 10, passed: true });
    expect(criterion(evidence({ stageEnteredAt: daysAgo(10, -1) }), "days_at_stage")).toMatchObject({ value: 9, passed: false, detail: "9 days at this stage, 10 needed" });
  });

  it("does not show negative days for a clock in the past", () => {
    expect(criterion(evidence({ stageEnteredAt: new Date(NOW.getTime() + DAY) }), "days_at_stage")).toMatchObject({ value: 0, passed: false });
  });
});

describe("GateThresholdsInput", () => {
  const valid = { minReviewedActions: 10, minApprovalRatePercent: 90, lookbackDays: 14, minDaysAtStage: 7 };

  it("accepts non-negative whole numbers and coerces form strings", () => {
    expect(GateThresholdsInput.parse(valid)).toEqual(valid);
    expect(GateThresholdsInput.parse({ minReviewedActions: "10", minApprovalRatePercent: " 90 ", lookbackDays: "0", minDaysAtStage: "7" })).toEqual({ ...valid, lookbackDays: 0 });
    expect(GateThresholdsInput.parse({ ...valid, minApprovalRatePercent: 0 }).minApprovalRatePercent).toBe(0);
    expect(GateThresholdsInput.parse({ ...valid, minApprovalRatePercent: 100 }).minApprovalRatePercent).toBe(100);
  });

  it.each([
    ["minReviewedActions", -1],
    ["minReviewedActions", 1.5],
    ["minReviewedActions", ""],
    ["minReviewedActions", "abc"],
    ["minReviewedActions", undefined],
    ["minApprovalRatePercent", 101],
    ["minApprovalRatePercent", -0.5],
    ["lookbackDays", "  "],
    ["minDaysAtStage", null],
    ["minDaysAtStage", true],
    ["minDaysAtStage", [3]],
  ])("rejects %s = %j with a field error", (field, value) => {
    const result = GateThresholdsInput.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join("."))).toEqual([field]);
  });

  it("says what is wrong in words", () => {
    const result = GateThresholdsInput.safeParse({ ...valid, minApprovalRatePercent: 150, lookbackDays: -3, minReviewedActions: "x" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues.map((i) => i.message)).toEqual([
        "Enter the number of reviewed actions as a whole number",
        "The approval rate can be at most 100",
        "The look-back period in days cannot be negative",
      ]);
    }
  });
});
