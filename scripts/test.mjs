#!/usr/bin/env node
// The one test command: unit + integration tests (Vitest, real database), then the
// built console in Chromium (Playwright). Uses PostgreSQL when DATABASE_URL is set,
// the embedded PGlite otherwise. Prints a summary line and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const driver = env.DATABASE_URL ? "PostgreSQL" : "PGlite";
fs.mkdirSync("reports", { recursive: true });
for (const f of ["reports/vitest.json", "reports/e2e-results.json"]) fs.rmSync(f, { force: true });

function run(label, cmd, args) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}  [${driver}]`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`◀ ${label} finished in ${secs}s (exit ${r.status})`);
  return { ok: r.status === 0, secs };
}

const times = {};
const vitest = run("unit + integration", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=reports/vitest.json"]);
times.vitest = vitest.secs;

let build = { ok: true, secs: "0" };
if (env.SKIP_BUILD !== "1") build = run("build", "npx", ["next", "build"]);
times.build = build.secs;
const e2e = build.ok ? run("e2e (Chromium)", "npx", ["playwright", "test"]) : { ok: false, secs: "0" };
times.e2e = e2e.secs;

const layers = { unit: { passed: 0, failed: 0 }, integration: { passed: 0, failed: 0 }, e2e: { passed: 0, failed: 0, skipped: 0 } };
try {
  const v = JSON.parse(fs.readFileSync("reports/vitest.json", "utf8"));
  for (const file of v.testResults ?? []) {
    const layer = /\/(db|server)\//.test(file.name) ? "integration" : "unit";
    for (const t of file.assertionResults ?? []) {
      if (t.status === "passed") layers[layer].passed++;
      else if (t.status === "failed") layers[layer].failed++;
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === "failed") layers[layer].failed++;
  }
} catch {
  layers.unit.failed++; // no report: the run itself failed
}
try {
  const p = JSON.parse(fs.readFileSync("reports/e2e-results.json", "utf8"));
  layers.e2e.passed = p.stats?.expected ?? 0;
  layers.e2e.failed = (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  layers.e2e.skipped = p.stats?.skipped ?? 0;
} catch {
  layers.e2e.failed++;
}

const passed = layers.unit.passed + layers.integration.passed + layers.e2e.passed;
let failed = layers.unit.failed + layers.integration.failed + layers.e2e.failed;
if (!vitest.ok && layers.unit.failed + layers.integration.failed === 0) failed++;
if (!build.ok) failed++;
if (!e2e.ok && layers.e2e.failed === 0) failed++;

console.log(`\nDriver: ${driver}`);
console.log(`  unit         ${layers.unit.passed} passed, ${layers.unit.failed} failed   (vitest ${times.vitest}s, unit+integration)`);
console.log(`  integration  ${layers.integration.passed} passed, ${layers.integration.failed} failed`);
console.log(`  e2e          ${layers.e2e.passed} passed, ${layers.e2e.failed} failed   (build ${times.build}s, playwright ${times.e2e}s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && vitest.ok && build.ok && e2e.ok ? 0 : 1);
