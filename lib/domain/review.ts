/**
 * Pure review rules (design.md, "Review"): self-approval, and the state reviews add up to.
 */
import type { ReviewDecision } from "./constants";

/** Who is reviewing, as far as self-approval is concerned. */
export interface ReviewerIdentity {
  readonly email: string;
  /** External ids linked to the reviewer's membership (ids of the end user in the product). */
  readonly externalIds: readonly string[];
}

function normalize(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * True when the action was proposed on behalf of the reviewer: `onBehalfOf` equals their email
 * or one of their external ids, compared trimmed and case-insensitively. An absent or blank
 * `onBehalfOf` is never self-approval; blank external ids never match.
 */
export function isSelfApproval(onBehalfOf: string | null | undefined, reviewer: ReviewerIdentity): boolean {
  if (typeof onBehalfOf !== "string") return false;
  const subject = normalize(onBehalfOf);
  if (subject === "") return false;
  return [reviewer.email, ...reviewer.externalIds].some((id) => typeof id === "string" && normalize(id) === subject);
}

/** One recorded review of an action. */
export interface ReviewVote {
  readonly reviewerId: string;
  readonly decision: ReviewDecision;
}

/** What a pending action's reviews add up to. */
export type ReviewState = "pending" | "approved" | "rejected";

/**
 * Any rejection → "rejected"; approvals from at least `requiredApprovals` distinct reviewers →
 * "approved"; otherwise "pending". A `requiredApprovals` below 1 counts as 1: an action under
 * review is never approved without an approval.
 */
export function reviewState(requiredApprovals: number, reviews: readonly ReviewVote[]): ReviewState {
  if (reviews.some((r) => r.decision === "reject")) return "rejected";
  return distinctApprovers(reviews).size >= Math.max(1, requiredApprovals) ? "approved" : "pending";
}

/** How many more distinct approvals the action needs (0 once approved or rejected). */
export function approvalsRemaining(requiredApprovals: number, reviews: readonly ReviewVote[]): number {
  if (reviewState(requiredApprovals, reviews) !== "pending") return 0;
  return Math.max(1, requiredApprovals) - distinctApprovers(reviews).size;
}

/** True when this reviewer has already reviewed the action (a second vote is refused). */
export function hasReviewed(reviewerId: string, reviews: readonly ReviewVote[]): boolean {
  return reviews.some((r) => r.reviewerId === reviewerId);
}

function distinctApprovers(reviews: readonly ReviewVote[]): Set<string> {
  return new Set(reviews.filter((r) => r.decision === "approve").map((r) => r.reviewerId));
}
