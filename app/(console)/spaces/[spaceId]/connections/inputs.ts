import { z } from "zod";
import { CONNECTED_CAPABILITY_TYPES, ENVIRONMENTS } from "@/lib/domain/constants";

const uuid = z.uuid({ message: "Unknown id." });

/** Credentials as a JSON object of strings (numbers and booleans become strings); empty = none. */
const CredentialsJson = z
  .string()
  .max(8000, "Keep the credentials under 8,000 characters.")
  .default("")
  .transform((text, ctx): Record<string, string> => {
    if (!text.trim()) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: 'Enter a JSON object, e.g. {"apiKey": "…"}.' });
      return z.NEVER;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      ctx.addIssue({ code: "custom", message: 'Enter a JSON object, e.g. {"apiKey": "…"}.' });
      return z.NEVER;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (!["string", "number", "boolean"].includes(typeof v)) {
        ctx.addIssue({ code: "custom", message: `"${k}" must be a string, number or boolean.` });
        return z.NEVER;
      }
      out[k] = String(v);
    }
    return out;
  });

export const CreateConnectionInput = z.object({
  spaceId: uuid,
  type: z.enum(CONNECTED_CAPABILITY_TYPES, { message: "Pick a connected system type." }),
  name: z.string().trim().min(2, "Give the connection a name of at least 2 characters.").max(80, "Keep the name under 80 characters."),
  environment: z.enum(ENVIRONMENTS, { message: "Pick an environment." }),
  credentials: CredentialsJson,
});
export type CreateConnectionInput = z.infer<typeof CreateConnectionInput>;

export const ReplaceCredentialsInput = z.object({ spaceId: uuid, connectionId: uuid, credentials: CredentialsJson });
export type ReplaceCredentialsInput = z.infer<typeof ReplaceCredentialsInput>;

export const RemoveConnectionInput = z.object({ spaceId: uuid, connectionId: uuid });
export type RemoveConnectionInput = z.infer<typeof RemoveConnectionInput>;
