#!/usr/bin/env node
/**
 * `npm run bench` — runs every benchmark in bench/ one after another (or only those named:
 * `npm run bench -- gateway reviews`) and prints their figures. Benchmarks are not tests:
 * they print numbers and never fail on a threshold.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith("-"));
const files = fs
  .readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, ".ts")));
if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(", ")}.`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n━━ bench/${f} ━━`);
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join("bench", f), ...passThrough], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
