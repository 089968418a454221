import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ACME, GLOBEX_OWNER, signIn } from "./helpers";

/** The five buying questions, as the report titles them. */
const QUESTIONS = {
  built_in: "Does the Persona have the right built-in surfaces?",
  connected: "Can it connect to the systems that matter?",
  rollout: "Can we keep the rollout bounded?",
  control: "Can operators stay in control?",
  continuity: "Does the runtime preserve continuity?",
} as const;

/** Strings from db/seed.ts that are action inputs, memory values, reasons or comments — never on the report. */
const SEEDED_PRIVATE = [
  "Here is how to reset your password", // Ava's message input
  "Refund request", // ticket input
  "+1 555 0100", // CRM update input
  "conv-9001", // pending message input
  "We shipped a replacement today", // pending email input
  "Refunds within 30 days, receipt needed.", // memory value
  "Hi! I'm Ava.", // memory value
  "route to tier 2", // Max's memory value
  "Tone is off", // review comment
  "Customer asked to be forgotten", // action reason
  "Replies quoted an outdated refund policy", // incident reason
];
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z]/g;

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  return rows;
}

function figures(page: Page, key: keyof typeof QUESTIONS) {
  return page.getByRole("region", { name: `Figures: ${QUESTIONS[key]}` });
}

/** The figure rows of one question as [metric, detail, value] (the "For" column shows only when used). */
async function figureRows(page: Page, key: keyof typeof QUESTIONS): Promise<string[][]> {
  const cells = await figures(page, key)
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
  return cells.map((c) => (c.length === 2 ? [c[0]!, "", c[1]!] : c));
}

/** The value of a figure (first row whose metric cell is `metric`, optionally for `detail`). */
async function figure(page: Page, key: keyof typeof QUESTIONS, metric: string, detail = ""): Promise<string> {
  const all = await figureRows(page, key);
  const hit = all.find((cells) => cells[0] === metric && cells[1] === detail);
  expect(hit, `figure "${metric}" (${detail || "overall"}) in ${key}`).toBeTruthy();
  return hit![2]!;
}

async function openAvaReport(page: Page) {
  await signIn(page, ACME.viewer.email, undefined, { to: "/reports" });
  await page.goto("/reports");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pilot reports" }).waitFor();
  await page.getByRole("region", { name: "Personas in Customer Support" }).getByRole("link", { name: "Ava", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ava · pilot report" })).toBeVisible();
}

test("a viewer reads Ava's pilot report: five answers with evidence, no private data, CSV with the same figures", async ({ page }) => {
  await openAvaReport(page);
  const reportPath = new URL(page.url()).pathname;
  expect(reportPath).toMatch(/^\/reports\/personas\/[0-9a-f-]{36}$/);

  // Each question has a heading, a "Yes" verdict and non-zero evidence from the seed.
  for (const [key, title] of Object.entries(QUESTIONS)) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(title.replace(/[?]/g, "\\?")) })).toBeVisible();
    await expect(page.getByTestId(`verdict-${key}`)).toHaveText(/^Yes — /);
  }
  expect(await figure(page, "built_in", "Built-in capabilities enabled")).toBe("3");
  expect(await figure(page, "built_in", "Environments")).toBe("sandbox, staging, production");
  await expect(page.getByRole("region", { name: "Built-in capabilities enabled" }).getByRole("row")).toHaveCount(1 + 9);
  expect(await figure(page, "connected", "Connected systems enabled")).toBe("3");
  expect(Number(await figure(page, "connected", "Connections in use"))).toBe(4);
  expect(await figure(page, "connected", "Grants without a connection")).toBe("0");
  await expect(page.getByRole("region", { name: "Connections in this space" }).getByRole("cell", { name: "Production CRM" })).toBeVisible();
  expect(await figure(page, "rollout", "Current stage")).toBe("Bounded production");
  expect(Number(await figure(page, "rollout", "Days at current stage"))).toBeGreaterThanOrEqual(39);
  expect(Number(await figure(page, "rollout", "Days at Pilot"))).toBeGreaterThanOrEqual(15);
  expect(await figure(page, "rollout", "Apps that may expose it")).toBe("2");
  expect(Number(await figure(page, "control", "Actions proposed"))).toBeGreaterThanOrEqual(122);
  expect(Number(await figure(page, "control", "Decided by reviewers"))).toBeGreaterThan(0);
  expect(await figure(page, "control", "Approval rate")).toMatch(/^\d+\.\d%$/);
  expect(await figure(page, "control", "Median time to a reviewer's decision")).toMatch(/min$/);
  expect(Number(await figure(page, "control", "Pauses"))).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("region", { name: "Denials by reason" }).getByRole("cell", { name: "Unknown action" })).toBeVisible();
  expect(await figure(page, "continuity", "Memory items kept")).toBe("4");
  expect(Number(await figure(page, "continuity", "Days remembering"))).toBeGreaterThanOrEqual(49);

  // The HTML: no seeded input, memory value or reason anywhere; no email in the report itself,
  // and none in the whole page but the viewer's own (their account menu).
  const html = await page.content();
  for (const s of SEEDED_PRIVATE) expect(html, `"${s}" must not be on the report`).not.toContain(s);
  expect((await page.locator("main").innerHTML()).match(EMAIL) ?? []).toEqual([]);
  expect([...new Set(html.match(EMAIL) ?? [])].filter((e) => e !== ACME.viewer.email)).toEqual([]);

  // The CSV has the same figures as the page (retried once if another test's data lands in between).
  await expect(async () => {
    await page.reload();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download evidence (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pilot-report-ava-since-pilot-start-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    for (const s of SEEDED_PRIVATE) expect(csv).not.toContain(s);
    expect(csv.match(EMAIL) ?? []).toEqual([]);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(["question", "kind", "metric", "detail", "value"]);
    expect(rows).toContainEqual(["report", "figure", "Persona", "", "Ava"]);
    const csvFigures = rows.filter((r) => r[1] === "figure" && r[0] !== "report");
    expect(csvFigures.length).toBeGreaterThan(30);
    const pageFigures: string[][] = [];
    for (const key of Object.keys(QUESTIONS) as (keyof typeof QUESTIONS)[]) {
      pageFigures.push(...(await figureRows(page, key)).map((c) => [key, "figure", ...c]));
    }
    expect(pageFigures).toEqual(csvFigures);
    // Detail rows the page shows too: denials by reason.
    const denials = rows.filter((r) => r[0] === "control" && r[2] === "Denied").map((r) => [r[3], r[4]]);
    expect(denials.length).toBeGreaterThan(0);
    for (const [reason, n] of denials) {
      await expect(page.getByRole("region", { name: "Denials by reason" }).getByRole("row", { name: `${reason} ${n}` })).toBeVisible();
    }
  }).toPass({ intervals: [500], timeout: 30_000 });
});

test("the period selector lives in the URL and narrows the evidence", async ({ page }) => {
  await openAvaReport(page);
  const all = Number(await figure(page, "control", "Actions proposed"));
  await page.getByRole("navigation", { name: "Report period" }).getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/\?period=7d$/);
  await expect(page.getByTestId("report-period")).toHaveText(/^Last 7 days \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)$/);
  await expect(page.getByRole("navigation", { name: "Report period" }).getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
  const week = Number(await figure(page, "control", "Actions proposed"));
  expect(week).toBeGreaterThan(0);
  expect(week).toBeLessThan(all);
  // The export follows the period.
  const href = await page.getByRole("link", { name: "Download evidence (CSV)" }).getAttribute("href");
  expect(href).toMatch(/\/evidence\.csv\?period=7d$/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/filename="pilot-report-ava-last-7-days-\d{4}-\d{2}-\d{2}\.csv"/);
  expect(parseCsv(await res.text())).toContainEqual(["control", "figure", "Actions proposed", "", String(week)]);
});

test("printing hides the console chrome and starts each question on a new page", async ({ page }) => {
  await openAvaReport(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Report period" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Download evidence (CSV)" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Ava · pilot report" })).toBeVisible();
  const sections = page.locator("section[data-question]");
  await expect(sections).toHaveCount(5);
  const breaks = await sections.evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
  expect(breaks).toEqual(["auto", "page", "page", "page", "page"]);
  const colours = await page.locator("body").evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
  expect(colours).toEqual(["rgb(255, 255, 255)", "rgb(0, 0, 0)"]);
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("a space's pilot report covers its personas; the space page links to it", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  await page.goto("/spaces");
  await page.getByRole("list", { name: "Spaces" }).getByRole("link", { name: "Customer Support", exact: true }).click();
  await page.getByRole("main").getByRole("link", { name: "Pilot report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customer Support · pilot report" })).toBeVisible();
  for (const title of Object.values(QUESTIONS)) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(title.replace(/[?]/g, "\\?")) })).toBeVisible();
  }
  const personas = page.getByRole("region", { name: "Personas in this report" });
  await expect(personas.getByRole("cell", { name: "Ava", exact: true })).toBeVisible();
  await expect(personas.getByRole("cell", { name: "Max", exact: true })).toBeVisible();
  expect(await figure(page, "rollout", "Current stage", "Max")).toBe("Pilot");
  expect(Number(await figure(page, "continuity", "Memory items kept"))).toBeGreaterThanOrEqual(6);
  const path = new URL(page.url()).pathname;
  const res = await page.request.get(`${path}/evidence.csv`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/csv/);
  const csv = parseCsv(await res.text());
  expect(csv).toContainEqual(["report", "figure", "Space", "", "Customer Support"]);
  expect(csv).toContainEqual(["rollout", "figure", "Current stage", "Max", "Pilot"]);
  // From the report to one persona's report.
  await personas.getByRole("link", { name: "Max's pilot report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Max · pilot report" })).toBeVisible();
});

test("another tenant gets 404 for the report and its CSV", async ({ page, browser }) => {
  await openAvaReport(page);
  const path = new URL(page.url()).pathname;
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await signIn(other, GLOBEX_OWNER.email);
  const res = await other.goto(path);
  expect(res?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Report not found" })).toBeVisible();
  expect((await other.request.get(`${path}/evidence.csv`)).status()).toBe(404);
  await ctx.close();
});

test("owners open the same shareable report from the persona page: still no inputs, memory values or emails", async ({ page }) => {
  await signIn(page, ACME.owner.email, undefined, { to: "/spaces" });
  await page.goto("/spaces");
  await page.getByRole("list", { name: "Spaces" }).getByRole("link", { name: "Customer Support", exact: true }).click();
  await page.getByRole("main").getByRole("table").getByRole("link", { name: "Ava", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ava" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Pilot report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ava · pilot report" })).toBeVisible();
  await expect(page.getByTestId("verdict-control")).toHaveText(/^Yes — /);
  const html = await page.content();
  for (const s of SEEDED_PRIVATE) expect(html, `"${s}" must not be on the report`).not.toContain(s);
  expect((await page.locator("main").innerHTML()).match(EMAIL) ?? []).toEqual([]);
  expect([...new Set(html.match(EMAIL) ?? [])].filter((e) => e !== ACME.owner.email)).toEqual([]);
});
