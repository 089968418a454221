import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { POST } from "./route";

const saved = process.env.E2E_FIXTURES;
afterEach(() => {
  if (saved === undefined) delete process.env.E2E_FIXTURES;
  else process.env.E2E_FIXTURES = saved;
  resetEnvCache();
});

describe("POST /api/test/attention (test only)", () => {
  it("answers 404 and writes nothing unless the server runs for browser tests", async () => {
    for (const value of [undefined, "0"]) {
      if (value === undefined) delete process.env.E2E_FIXTURES;
      else process.env.E2E_FIXTURES = value;
      resetEnvCache();
      const res = await POST(new Request("http://localhost/api/test/attention", { method: "POST", body: JSON.stringify({ quietTenant: true }) }));
      expect(res.status).toBe(404);
    }
  });
});
