"use server";
import { decideAction } from "@/db/mutations/reviews";
import { notifyActionChanged } from "@/db/runtime/events";
import { emitActionChanged } from "@/lib/runtime/events";
import { authorizedAction } from "@/lib/server/authorized-action";
import { DecideActionInput } from "./inputs";

export const decideActionAction = authorizedAction(
  "actions:decide",
  DecideActionInput,
  async (input, { actor, role, tx }) => {
    const result = await decideAction(tx, actor, role, input);
    await notifyActionChanged(tx, input.actionId); // other processes, on commit
    return result;
  },
  {
    revalidate: (i) => ["/reviews", `/reviews/${i.actionId}`],
    afterCommit: (i) => emitActionChanged(i.actionId), // long-polls in this process
  },
);
