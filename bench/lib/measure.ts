/**
 * What the benchmarks in bench/ share: quantiles, timing a function, and finding and
 * watching the server process they start. (bench/lib/ is not run by `npm run bench`.)
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";

/** The p-quantile of ascending `sorted` (NaN when empty). */
export function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** p50 and p95 of `ms`. */
export function quantiles(ms: number[]): { p50: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

/** Runs `fn` `warmup` times untimed (with negative indexes), then `runs` times timed. */
export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>, warmup = 3): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return quantiles(ms);
}

/** Peak resident memory of one process (VmHWM), in MiB; NaN once it is gone. */
export function peakRssMiB(pid: number): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** The node process serving (taskset → tsx → node): the deepest descendant. */
export function serverPidOf(pid: number): number {
  let current = pid;
  for (let i = 0; i < 4; i++) {
    try {
      const kids = fs.readFileSync(`/proc/${current}/task/${current}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      if (kids.length === 0) break;
      current = Number(kids[kids.length - 1]);
    } catch {
      break;
    }
  }
  return current;
}

/** Waits (up to 2 min) until `${base}/api/health` answers 200; throws if the server exits. */
export async function waitForServer(child: ChildProcess, base: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("server exited");
    if (await fetch(`${base}/api/health`).then((r) => r.status === 200).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}
