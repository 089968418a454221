"use server";
import { configureSpaceWebhook, removeSpaceWebhook, rotateSpaceWebhookSecret } from "@/db/notifications/webhooks";
import { authorizedAction } from "@/lib/server/authorized-action";
import { ConfigureWebhookInput, RemoveWebhookInput, RotateWebhookSecretInput } from "./inputs";

/*
 * Owners only (`members:manage`): a webhook sends the space's notifications out of the
 * product, so choosing where they go is decided like who may see the space.
 */
const path = (spaceId: string) => `/spaces/${spaceId}/webhook`;

export const configureWebhook = authorizedAction(
  "members:manage",
  ConfigureWebhookInput,
  async (input, { actor, role, tx }) => configureSpaceWebhook(tx, actor, role, input),
  { revalidate: (i) => path(i.spaceId) },
);

export const rotateWebhookSecret = authorizedAction(
  "members:manage",
  RotateWebhookSecretInput,
  async (input, { actor, role, tx }) => rotateSpaceWebhookSecret(tx, actor, role, input),
  { revalidate: (i) => path(i.spaceId) },
);

export const removeWebhook = authorizedAction(
  "members:manage",
  RemoveWebhookInput,
  async (input, { actor, role, tx }) => removeSpaceWebhook(tx, actor, role, input),
  { revalidate: (i) => path(i.spaceId) },
);
