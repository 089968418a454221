/**
 * What the console tells people, and who is told. Recipients are resolved at READ time:
 * a notification belongs to a space, and a person sees it while their effective role in
 * that space has the kind's permission (and they did not cause it themselves). So a
 * reviewer removed from a space stops seeing its reviews at once, and a new member sees
 * only what happened after they joined (see db/notifications/queries.ts).
 */
import type { Permission } from "../domain/permissions";

export const NOTIFICATION_KINDS = ["review_waiting", "advance_waiting", "persona_paused", "gate_failed"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The permission (in the notification's space) that makes a person a recipient. */
export const NOTIFICATION_AUDIENCE: { readonly [K in NotificationKind]: Permission } = {
  // Reviewers and owners decide actions.
  review_waiting: "actions:decide",
  // Only owners sign off an advance.
  advance_waiting: "stages:signoff",
  // A pause is an incident: everyone who can see the space is told.
  persona_paused: "spaces:read",
  // Those who request advances (operators, owners) act on a gate that stopped passing.
  gate_failed: "stages:request",
};

export const NOTIFICATION_KIND_LABELS: { readonly [K in NotificationKind]: string } = {
  review_waiting: "Review waiting",
  advance_waiting: "Sign-off waiting",
  persona_paused: "Persona paused",
  gate_failed: "Gate failing",
};

/** The event name in webhook payloads and the `Persona-Event` header. */
export const WEBHOOK_EVENT_TYPES: { readonly [K in NotificationKind]: string } = {
  review_waiting: "review.waiting",
  advance_waiting: "stage.advance_waiting",
  persona_paused: "persona.paused",
  gate_failed: "gate.failed",
};

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
