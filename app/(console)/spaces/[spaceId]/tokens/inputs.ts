import { z } from "zod";
import { ENVIRONMENTS } from "@/lib/domain/constants";

const Id = z.string().uuid("Not a valid id.");

export const EXPIRY_CHOICES = ["", "7", "30", "90", "365"] as const;

export const CreateTokenInput = z.object({
  spaceId: Id,
  appId: z.string().min(1, "Pick an app.").uuid("Pick an app."),
  environment: z.enum(ENVIRONMENTS, { message: "Pick an environment." }),
  name: z.string().trim().min(2, "Give the token a name of at least 2 characters.").max(80, "Keep the name under 80 characters."),
  expiresInDays: z
    .enum(EXPIRY_CHOICES, { message: "Pick an expiry." })
    .default("")
    .transform((v) => (v === "" ? null : Number(v))),
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

export const RevokeTokenInput = z.object({ spaceId: Id, tokenId: Id });

export const RotateTokenInput = z.object({
  spaceId: Id,
  tokenId: Id,
  /** Hours the old token keeps working; the server default when absent. */
  graceHours: z.coerce.number().int().min(0).max(720).optional(),
});
