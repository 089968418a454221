// Screenshots of the console as each demo role, for looking at what we build.
// Usage: node scripts/screenshots.mjs [baseUrl] [outDir]   (server must be running)
import { chromium } from "@playwright/test";
import fs from "node:fs";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "screenshots";
const roles = (process.env.ROLES ?? "owner,viewer").split(",");
const paths = (process.env.PAGES ?? "/,/spaces,/members,/reviews,/rollouts,/tokens,/audit").split(",");
const widths = (process.env.SIZES ?? "1280x800").split(",").map((s) => s.split("x").map(Number));
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const role of roles) {
  for (const [w, h] of widths) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(`${role}@acme.test`);
    await page.getByLabel("Password").fill("persona-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    for (const p of paths) {
      if (p.startsWith("link:")) {
        // "link:Customer Support" opens the spaces list and follows that link.
        await page.goto(`${base}/spaces`);
        await page.getByRole("link", { name: p.slice(5), exact: true }).first().click();
        await page.waitForURL((u) => u.pathname !== "/spaces");
      } else {
        await page.goto(p.startsWith("http") ? p : `${base}${p}`);
      }
      await page.waitForLoadState("networkidle");
      const name = `${role}-${w}-${p.replace(/[^a-z0-9]+/gi, "_") || "home"}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
      console.log(`${out}/${name}`);
    }
    await page.close();
  }
}
await browser.close();
