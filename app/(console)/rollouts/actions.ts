"use server";
import { rejectAdvance, requestAdvance, rollbackStage, signOffAdvance } from "@/db/mutations/stages";
import { authorizedAction } from "@/lib/server/authorized-action";
import { RejectAdvanceInput, RequestAdvanceInput, RollbackInput, SignOffAdvanceInput } from "./inputs";

const paths = () => ["/rollouts", "/spaces"];

export const requestAdvanceAction = authorizedAction("stages:request", RequestAdvanceInput, (i, c) => requestAdvance(c.tx, c.actor, c.role, i), { revalidate: paths });
export const signOffAdvanceAction = authorizedAction("stages:signoff", SignOffAdvanceInput, (i, c) => signOffAdvance(c.tx, c.actor, c.role, i), { revalidate: paths });
export const rejectAdvanceAction = authorizedAction("stages:signoff", RejectAdvanceInput, (i, c) => rejectAdvance(c.tx, c.actor, c.role, i), { revalidate: paths });
export const rollbackAction = authorizedAction("stages:request", RollbackInput, (i, c) => rollbackStage(c.tx, c.actor, c.role, i), { revalidate: paths });
