import { describe, expect, it } from "vitest";
import * as domain from "./index";

describe("lib/domain index", () => {
  it("re-exports every module's main API", () => {
    for (const name of [
      "STAGES", "rank", "CATALOG_VERSION", "listCapabilities", "getCapability", "getCatalogAction",
      "validateActionInput", "actionInputJsonSchema", "CONNECTED_CAPABILITY_TYPES", "BUILTIN_CAPABILITY_KEYS",
      "STAGE_BOUNDS", "resolveStageBounds", "stageCeiling", "minPolicy", "effectivePolicy", "checkGrantWithinBounds",
      "nextStage", "previousStage", "stageLabel", "grantsExceedingBounds", "decide", "DECISION_RULES",
      "evaluateGate", "DEFAULT_GATE_THRESHOLDS", "GateThresholdsInput", "PERMISSIONS", "ROLE_PERMISSIONS", "can",
      "permissionsFor", "effectiveSpaceRole", "isSelfApproval", "reviewState",
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });
});
