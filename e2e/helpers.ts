import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";

/** Every seeded demo account uses this password (db/seed.ts). */
export const DEMO_PASSWORD = "persona-demo";

/** The seeded demo people, by role. */
export const ACME = {
  owner: { email: "owner@acme.test", name: "Olivia Owner", roleLabel: "Owner" },
  operator: { email: "operator@acme.test", name: "Omar Operator", roleLabel: "Operator" },
  reviewer: { email: "reviewer@acme.test", name: "Rita Reviewer", roleLabel: "Reviewer" },
  viewer: { email: "viewer@acme.test", name: "Victor Viewer", roleLabel: "Viewer (evaluator)" },
} as const;
export type AcmeRole = keyof typeof ACME;

export const GLOBEX_OWNER = { email: "owner@globex.test", name: "Gloria Globex" } as const;

/** The seeded spaces. */
export const ACME_SPACES = ["Customer Support", "Sales Assistant"] as const;
export const GLOBEX_SPACE = "Globex Concierge";

/** The form on /sign-in (scoping it keeps Next's route announcer out of `getByRole('alert')`). */
export function signInForm(page: Page) {
  return page.locator("form").filter({ has: page.getByLabel("Email") });
}

/**
 * Signs in through the sign-in form and waits until the browser has left /sign-in.
 * `to` is where the form sends the browser after signing in (its `redirectTo`), which saves a
 * navigation when the test starts on another page than home.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, { to = "/" }: { to?: string } = {}): Promise<void> {
  await page.goto(to === "/" ? "/sign-in" : `/sign-in?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in(\?|$)/);
}

/**
 * A page in a fresh browser context (its own cookies) signed in as `email`, for tests that need
 * two people at once. Close it with `page.context().close()`.
 */
export async function signedInPage(browser: Browser, email: string, to = "/"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD, { to });
  return page;
}

/** A name no other test (or earlier run against the same database) uses: `prefix 1a2b3c4d`. */
export function uniqueName(prefix = "E2E space"): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

/** The link to a space on /spaces (its card heading). */
export function spaceLink(page: Page, name: string) {
  return page.getByRole("list", { name: "Spaces" }).getByRole("link", { name, exact: true });
}

/** The path (`/spaces/<id>`) of a space listed on the current /spaces page. */
export async function spacePath(page: Page, name: string): Promise<string> {
  const href = await spaceLink(page, name).getAttribute("href");
  expect(href, `link to space "${name}"`).toMatch(/^\/spaces\/[0-9a-f-]{36}$/);
  return href!;
}

/** Creates a space through the "New space" form; resolves on its overview page with its path. */
export async function createSpace(
  page: Page,
  name: string,
  opts: { description?: string; environments?: ("sandbox" | "staging" | "production")[] } = {},
): Promise<string> {
  if (new URL(page.url()).pathname !== "/spaces/new") await page.goto("/spaces/new");
  await page.getByLabel("Name").fill(name);
  if (opts.description) await page.getByLabel("Description").fill(opts.description);
  if (opts.environments) {
    for (const env of ["sandbox", "staging", "production"] as const) {
      await page.getByRole("checkbox", { name: env, exact: true }).setChecked(opts.environments.includes(env));
    }
  }
  await page.getByRole("button", { name: "Create space" }).click();
  await expect(page).toHaveURL(/\/spaces\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * Creates a persona through the space's "New persona" form (the page must be on the space's
 * overview); resolves on the persona's page with its path.
 */
export async function createPersona(
  page: Page,
  name: string,
  opts: { purpose?: string; apps?: string[] } = {},
): Promise<string> {
  await page.getByRole("link", { name: "New persona" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New persona" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  if (opts.purpose) await page.getByLabel("Purpose").fill(opts.purpose);
  for (const app of opts.apps ?? []) await page.getByRole("checkbox", { name: app }).check();
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page).toHaveURL(/\/spaces\/[0-9a-f-]{36}\/personas\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}
