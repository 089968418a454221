"use server";
import { decideAction } from "@/db/mutations/reviews";
import { authorizedAction } from "@/lib/server/authorized-action";
import { DecideActionInput } from "./inputs";

export const decideActionAction = authorizedAction(
  "actions:decide",
  DecideActionInput,
  (input, { actor, role, tx }) => decideAction(tx, actor, role, input),
  { revalidate: (i) => ["/reviews", `/reviews/${i.actionId}`] },
);
