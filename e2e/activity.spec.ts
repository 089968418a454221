import { expect, test } from "@playwright/test";
import { ACME, signIn, spaceLink } from "./helpers";

test("a viewer reads Ava's activity: a chart with an accessible name and the same numbers as a table, and a period in the URL", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  await spaceLink(page, "Customer Support").click();
  await page.getByRole("link", { name: "Ava", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Ava" })).toBeVisible();
  await page.getByRole("navigation", { name: "Persona sections" }).getByRole("link", { name: "Activity" }).click();
  await expect(page).toHaveURL(/\/personas\/[0-9a-f-]{36}\/activity$/);
  await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");

  const chart = page.getByRole("img", { name: "Decisions per day by outcome, last 30 days" });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  await expect(chart.locator("path.recharts-rectangle").first()).toBeVisible();

  const perDay = page.getByRole("region", { name: "Decisions per day" });
  await perDay.getByText("Show as table").click();
  const table = page.getByRole("table", { name: "Decisions per day by outcome, last 30 days" });
  await expect(table).toBeVisible();
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(31);
  // Sum the table: Ava's seeded history decides actions by policy and by reviewers in the last 30 days.
  const sums = await table.evaluate((t) => {
    const heads = [...t.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
    const totals: Record<string, number> = {};
    for (const tr of t.querySelectorAll("tbody tr")) {
      [...tr.querySelectorAll("td")].forEach((td, i) => {
        if (i > 0) totals[heads[i]!] = (totals[heads[i]!] ?? 0) + Number(td.textContent);
      });
    }
    return totals;
  });
  expect(sums["Approved by policy"]).toBeGreaterThan(0);
  expect(sums["Approved by reviewers"]).toBeGreaterThan(0);
  // The totals above the chart say the same.
  const stat = (label: string) => page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(stat("Approved by policy")).toHaveText(String(sums["Approved by policy"]));
  await expect(stat("Approved by reviewers")).toHaveText(String(sums["Approved by reviewers"]));
  await expect(stat("Median time to a reviewer's decision")).toHaveText(/\d+ (s|min|h)/);
  await expect(page.getByRole("img", { name: "Top actions by number of decisions, last 30 days" })).toBeVisible();
  // Viewers see aggregates only: no action input, no email.
  expect(await page.locator("main").innerText()).not.toMatch(/@|conv-\d+|reset your password/);

  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/\/activity\?days=7$/);
  await expect(page.getByRole("img", { name: "Decisions per day by outcome, last 7 days" })).toBeVisible();
});
