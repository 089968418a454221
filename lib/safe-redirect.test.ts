import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/spaces", "/spaces"],
    ["/spaces/abc?q=ava#top", "/spaces/abc?q=ava#top"],
    ["/", "/"],
  ])("keeps the same-site path %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/%0d%0aSet-Cookie:x",
    "/\tevil",
    "",
    "spaces",
    null,
    undefined,
    42,
  ])("refuses %j", (input) => {
    const out = safeRedirectPath(input);
    expect(out.startsWith("/")).toBe(true);
    expect(new URL(out, "http://console.invalid").origin).toBe("http://console.invalid");
    if (typeof input !== "string" || !input.startsWith("/%0d")) expect(out).toBe("/");
  });
});
