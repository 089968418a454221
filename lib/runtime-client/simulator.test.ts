import { describe, expect, it } from "vitest";
import { actionInputJsonSchema, listCatalogActions, validateActionInput } from "../domain/catalog";
import { SAMPLE_INPUTS, sampleFromSchema } from "./simulator";

describe("simulator inputs", () => {
  it.each(Object.keys(SAMPLE_INPUTS))("the sample input of %s passes the catalog's inputSchema", (key) => {
    expect(validateActionInput(key, SAMPLE_INPUTS[key]!())).toEqual({ ok: true });
  });
  it("builds a valid input from the inputSchema of every catalog action without a sample", () => {
    for (const { action } of listCatalogActions()) {
      if (SAMPLE_INPUTS[action.key]) continue;
      const schema = actionInputJsonSchema(action.key);
      const input = schema ? sampleFromSchema(schema) : {};
      expect(validateActionInput(action.key, input), action.key).toEqual({ ok: true });
    }
  });
});
