/**
 * A simulated Persona runtime against a running console:
 *   npm run simulate -- --token prt_… --persona <personaId> [--url http://localhost:3000] [--count 8] [--wait 5]
 */
import { parseArgs } from "node:util";
import { RuntimeApiError } from "../lib/runtime-client";
import { runSimulation } from "../lib/runtime-client/simulator";

async function main() {
  const { values } = parseArgs({
    options: {
      token: { type: "string" },
      persona: { type: "string" },
      url: { type: "string" },
      base: { type: "string" },
      count: { type: "string", default: "8" },
      wait: { type: "string", default: "5" },
      instance: { type: "string" },
    },
  });
  if (!values.token || !values.persona) {
    console.error("Usage: npm run simulate -- --token prt_… --persona <personaId> [--url http://localhost:3000] [--count 8] [--wait 5]");
    process.exit(2);
  }
  const result = await runSimulation({
    baseUrl: values.url ?? values.base ?? "http://localhost:3000",
    token: values.token,
    personaId: values.persona,
    count: Number(values.count),
    decisionTimeoutMs: Number(values.wait) * 1000,
    instanceId: values.instance,
    log: (l) => console.log(l),
  });
  const byStatus = result.proposed.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.status]: (acc[p.status] ?? 0) + 1 }), {});
  console.log(`Done: ${result.proposed.length} proposed (${Object.entries(byStatus).map(([k, v]) => `${v} ${k}`).join(", ")}), ${result.outcomes} outcomes, ${result.memoryWrites} memory writes.`);
}

main().catch((e: unknown) => {
  if (e instanceof RuntimeApiError) console.error(`✖ ${e.message}${e.requestId ? ` (request ${e.requestId})` : ""}`);
  else console.error(e);
  process.exit(1);
});
