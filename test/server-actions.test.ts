import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTHORIZED_ACTION } from "../lib/server/authorized-action";

const root = path.resolve(import.meta.dirname, "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", ".next", ".data", ".git", "test-results"].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

/** A module-level "use server" directive (first statement, after comments). */
function isServerActionModule(file: string): boolean {
  const src = fs.readFileSync(file, "utf8").replace(/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(src);
}

/** Session actions change only the caller's cookies; accepting an invitation is authorized by its one-time link. */
const ALLOW_LISTED = new Set(["lib/auth/session-actions.ts", "lib/auth/invite-actions.ts"]);

const serverActionFiles = [...walk(path.join(root, "app")), ...walk(path.join(root, "lib")), ...walk(path.join(root, "components"))]
  .filter(isServerActionModule)
  .map((f) => path.relative(root, f));

describe("server actions", () => {
  it("live only in actions.ts files (or the allow-listed session actions)", () => {
    expect(serverActionFiles.length).toBeGreaterThan(1);
    for (const f of serverActionFiles) {
      expect(path.basename(f) === "actions.ts" || ALLOW_LISTED.has(f), f).toBe(true);
    }
  });

  it.each(serverActionFiles.filter((f) => !ALLOW_LISTED.has(f)))("every export of %s is built by authorizedAction", async (file) => {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    const exports = Object.entries(mod);
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      expect(typeof value, `${file}#${name}`).toBe("function");
      expect((value as Record<symbol, unknown>)[AUTHORIZED_ACTION], `${file}#${name} is not built by authorizedAction`).toBeTypeOf("string");
    }
  });

  it("the check itself catches a hand-written action", () => {
    const handWritten = async () => ({ ok: true });
    expect((handWritten as unknown as Record<symbol, unknown>)[AUTHORIZED_ACTION]).toBeUndefined();
  });
});
