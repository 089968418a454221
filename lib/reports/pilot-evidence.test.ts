import { describe, expect, it } from "vitest";
import { formatDuration, formatPercent } from "./pilot-evidence";
import { parsePilotReportPeriod } from "./period";

describe("pilot report formatting", () => {
  it("formats durations by their size and says — when there is nothing to measure", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(2.5)).toBe("3 s");
    expect(formatDuration(300)).toBe("5.0 min");
    expect(formatDuration(5400)).toBe("1.5 h");
    expect(formatDuration(3 * 86_400)).toBe("3.0 days");
  });

  it("formats rates with one decimal; no denominator is —", () => {
    expect(formatPercent(92, 96)).toBe("95.8%");
    expect(formatPercent(0, 0)).toBe("—");
    expect(formatPercent(5, 5)).toBe("100.0%");
  });

  it("reads the period from the URL; anything unknown is since pilot start", () => {
    expect(parsePilotReportPeriod("7d")).toBe("7d");
    expect(parsePilotReportPeriod(["90d", "7d"])).toBe("90d");
    expect(parsePilotReportPeriod("365d")).toBe("all");
    expect(parsePilotReportPeriod("__proto__")).toBe("all");
    expect(parsePilotReportPeriod(undefined)).toBe("all");
  });
});
