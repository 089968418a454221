import { z } from "zod";

const Id = z.string().uuid("Not a valid id.");

/** http(s) only, no credentials in the URL; loopback is allowed (receivers on the same host, tests). */
export const WebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the notifications.")
  .max(2000, "Keep the URL under 2,000 characters.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "Enter a full http:// or https:// URL.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, "Leave user names and passwords out of the URL; verify the signature instead.");

const Checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const ConfigureWebhookInput = z.object({ spaceId: Id, url: WebhookUrl, enabled: Checkbox });
export const RotateWebhookSecretInput = z.object({ spaceId: Id });
export const RemoveWebhookInput = z.object({ spaceId: Id });
