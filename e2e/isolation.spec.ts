import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACME, ACME_SPACES, GLOBEX_OWNER, GLOBEX_SPACE, signIn, signedInPage, spaceLink, spacePath } from "./helpers";

/** The space's own not-found page (app/(console)/spaces/[spaceId]/not-found.tsx). */
async function expectSpaceNotFound(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Space not found" })).toBeVisible();
  await expect(page.getByText("This space does not exist, or you do not have access to it.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Boundaries" })).toHaveCount(0);
}

/** The paths of the seeded Acme spaces, read from /spaces by an Acme owner in a separate context. */
async function acmeSpacePaths(browser: Browser): Promise<string[]> {
  const acme = await signedInPage(browser, ACME.owner.email, "/spaces");
  try {
    return await Promise.all(ACME_SPACES.map((name) => spacePath(acme, name)));
  } finally {
    await acme.context().close();
  }
}

test("Globex owner cannot open an Acme space nor see Acme spaces", async ({ page, browser }) => {
  const acmePaths = await acmeSpacePaths(browser);

  await signIn(page, GLOBEX_OWNER.email, undefined, { to: "/spaces" });
  await expect(spaceLink(page, GLOBEX_SPACE)).toBeVisible();
  await expect(page.getByRole("list", { name: "Spaces" }).getByRole("heading", { level: 2 })).toHaveCount(1);
  for (const name of ACME_SPACES) await expect(page.getByText(name)).toHaveCount(0);

  for (const path of acmePaths) {
    await expectSpaceNotFound(page, path);
    for (const name of ACME_SPACES) await expect(page.getByText(name)).toHaveCount(0);
  }

  // Nor through search.
  await page.goto(`/spaces?q=${encodeURIComponent("Customer")}`);
  await expect(page.getByRole("heading", { name: "No space matches “Customer”" })).toBeVisible();
});

test("Acme viewer can open both Acme spaces, but not the Globex one", async ({ page, browser }) => {
  const globex = await signedInPage(browser, GLOBEX_OWNER.email, "/spaces");
  const globexPath = await spacePath(globex, GLOBEX_SPACE);
  await globex.context().close();

  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  await expect(page.getByText(GLOBEX_SPACE)).toHaveCount(0);
  const paths = await Promise.all(ACME_SPACES.map((name) => spacePath(page, name)));
  for (const [i, path] of paths.entries()) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: ACME_SPACES[i] })).toBeVisible();
    await expect(page.getByRole("region", { name: "Boundaries" })).toBeVisible();
    await expect(page.getByRole("main").getByText("Viewer (evaluator)", { exact: true })).toBeVisible();
  }

  await expectSpaceNotFound(page, globexPath);
  await expect(page.getByText(GLOBEX_SPACE)).toHaveCount(0);
});

test("a garbage or unknown space id cannot be opened", async ({ page }) => {
  await signIn(page, ACME.owner.email, undefined, { to: "/spaces/not-a-space-id" });
  await expect(page.getByRole("heading", { name: "Space not found" })).toBeVisible();
  await expectSpaceNotFound(page, "/spaces/00000000-0000-4000-8000-000000000000");
});

test("a space the user cannot see answers HTTP 404", async ({ page, browser }) => {
  const [acmePath] = await acmeSpacePaths(browser);
  await signIn(page, GLOBEX_OWNER.email, undefined, { to: "/spaces" });
  for (const path of [acmePath!, "/spaces/not-a-space-id", "/spaces/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    await expect(page.getByRole("heading", { name: "Space not found" })).toBeVisible();
    expect(response?.status(), `status of ${path}`).toBe(404);
  }
});
