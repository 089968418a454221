import { z } from "zod";

export const VerifyChainInput = z.object({}).strict();
