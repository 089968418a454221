"use server";
import { setGateThresholds } from "@/db/mutations/gate-thresholds";
import { rejectAdvance, requestAdvance, rollbackStage, signOffAdvance } from "@/db/mutations/stages";
import { authorizedAction } from "@/lib/server/authorized-action";
import { GateThresholdsFormInput, RejectAdvanceInput, RequestAdvanceInput, RollbackInput, SignOffAdvanceInput } from "./inputs";

const paths = () => ["/rollouts", "/spaces"];

export const requestAdvanceAction = authorizedAction("stages:request", RequestAdvanceInput, (i, c) => requestAdvance(c.tx, c.actor, c.role, i), { revalidate: paths });
export const signOffAdvanceAction = authorizedAction("stages:signoff", SignOffAdvanceInput, (i, c) => signOffAdvance(c.tx, c.actor, c.role, i), { revalidate: paths });
export const rejectAdvanceAction = authorizedAction("stages:signoff", RejectAdvanceInput, (i, c) => rejectAdvance(c.tx, c.actor, c.role, i), { revalidate: paths });
export const rollbackAction = authorizedAction("stages:request", RollbackInput, (i, c) => rollbackStage(c.tx, c.actor, c.role, i), { revalidate: paths });
/** Owners only (stages:signoff is the owner's permission to edit gate thresholds). */
export const setGateThresholdsAction = authorizedAction("stages:signoff", GateThresholdsFormInput, (i, c) => setGateThresholds(c.tx, c.actor, c.role, i), { revalidate: paths });
