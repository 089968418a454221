import { z } from "zod";

export const DecideActionInput = z
  .object({
    spaceId: z.uuid(),
    actionId: z.uuid(),
    decision: z.enum(["approve", "reject"], { message: "Choose approve or reject." }),
    comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters.").optional(),
  })
  .refine((v) => v.decision !== "reject" || (v.comment ?? "").length > 0, {
    path: ["comment"],
    message: "Say why you reject it: the runtime receives this comment.",
  });
