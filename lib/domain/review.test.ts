import { describe, expect, it } from "vitest";
import { approvalsRemaining, hasReviewed, isSelfApproval, reviewState, type ReviewVote } from "./review";

describe("isSelfApproval", () => {
  const reviewer = { email: "Ana.Lopez@Example.com", externalIds: ["user_42", "  CRM-7 "] };

  it.each([
    ["ana.lopez@example.com", true],
    ["  ANA.LOPEZ@EXAMPLE.COM  ", true],
    ["user_42", true],
    ["USER_42", true],
    ["crm-7", true],
    [" Crm-7", true],
    ["ana@example.com", false],
    ["user_4", false],
    ["user_420", false],
    ["", false],
    ["   ", false],
    [null, false],
    [undefined, false],
  ])("onBehalfOf %j → %s", (onBehalfOf, expected) => {
    expect(isSelfApproval(onBehalfOf, reviewer)).toBe(expected);
  });

  it("blank external ids never match", () => {
    expect(isSelfApproval("", { email: "a@b.c", externalIds: ["", " "] })).toBe(false);
    expect(isSelfApproval(" ", { email: "a@b.c", externalIds: ["", " "] })).toBe(false);
  });

  it("works without external ids", () => {
    expect(isSelfApproval("a@b.c", { email: "A@B.C", externalIds: [] })).toBe(true);
    expect(isSelfApproval("x", { email: "A@B.C", externalIds: [] })).toBe(false);
  });
});

describe("reviewState", () => {
  const approve = (reviewerId: string): ReviewVote => ({ reviewerId, decision: "approve" });
  const reject = (reviewerId: string): ReviewVote => ({ reviewerId, decision: "reject" });

  it.each([
    [1, [], "pending"],
    [1, [approve("a")], "approved"],
    [1, [reject("a")], "rejected"],
    [2, [], "pending"],
    [2, [approve("a")], "pending"],
    [2, [approve("a"), approve("a")], "pending"],
    [2, [approve("a"), approve("b")], "approved"],
    [2, [approve("a"), approve("b"), approve("c")], "approved"],
    [2, [approve("a"), reject("b")], "rejected"],
    [2, [reject("a"), approve("b"), approve("c")], "rejected"],
    [2, [approve("a"), approve("b"), reject("c")], "rejected"],
    [0, [], "pending"],
    [0, [approve("a")], "approved"],
    [-1, [], "pending"],
  ] as const)("required %i with %j → %s", (required, reviews, expected) => {
    expect(reviewState(required, reviews)).toBe(expected);
  });

  it("approvalsRemaining counts distinct approvers", () => {
    expect(approvalsRemaining(2, [])).toBe(2);
    expect(approvalsRemaining(2, [approve("a"), approve("a")])).toBe(1);
    expect(approvalsRemaining(2, [approve("a"), approve("b")])).toBe(0);
    expect(approvalsRemaining(2, [reject("a")])).toBe(0);
    expect(approvalsRemaining(0, [])).toBe(1);
  });

  it("hasReviewed finds a reviewer's earlier vote of either kind", () => {
    expect(hasReviewed("a", [approve("a")])).toBe(true);
    expect(hasReviewed("a", [reject("a")])).toBe(true);
    expect(hasReviewed("b", [approve("a")])).toBe(false);
    expect(hasReviewed("a", [])).toBe(false);
  });
});
