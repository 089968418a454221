import { expect, test } from "@playwright/test";
import { ACME, signIn, uniqueName } from "./helpers";

test("owner invites a member; the link signs them in once; removing them ends their access", async ({ page, browser }) => {
  test.slow(); // three browsers
  const name = uniqueName("Ivy Invitee");
  const email = `${name.replace(/\s+/g, ".").toLowerCase()}@example.com`;
  await signIn(page, ACME.owner.email, undefined, { to: "/members" });
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Tenant role").selectOption("reviewer");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = await dialog.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);

  // The invitee, in their own browser: chooses a password and lands in the console as a reviewer.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Acme" })).toBeVisible();
  await invitee.getByLabel("Choose a password").fill("a-long-enough-password");
  await invitee.getByRole("button", { name: "Join and sign in" }).click();
  await expect(invitee.getByRole("heading", { name: /^Welcome, Ivy/ })).toBeVisible();
  // The link is used up.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();

  // The owner removes them; their very next request has no tenant any more.
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Remove ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  // Wait for the server's answer, not for the row: the row can leave the table before the action returns.
  await expect(page.getByText(`${name} was removed.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  await invitee.goto("/spaces");
  await expect(invitee.getByRole("heading", { name: "You are not a member of any tenant" })).toBeVisible();
});

test("owner grants a team access to a space; a viewer cannot manage members", async ({ page, browser }) => {
  test.slow(); // two people, two browsers
  await signIn(page, ACME.owner.email, undefined, { to: "/members" });
  const team = uniqueName("Team");
  await page.getByLabel("New team name").fill(team);
  await page.getByRole("button", { name: "Create team" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: team }) });
  await card.getByLabel(`Member to add to ${team}`).selectOption({ label: ACME.viewer.name });
  await card.getByRole("button", { name: `Add to ${team}` }).click();
  await expect(card.getByRole("list", { name: `Members of ${team}` })).toContainText(ACME.viewer.name);

  // Grant the team a role in a space, from the space's Access page.
  await page.goto("/spaces");
  await page.getByRole("list", { name: "Spaces" }).getByRole("link", { name: "Sales Assistant", exact: true }).click();
  await page.getByRole("link", { name: "Manage access" }).click();
  await page.getByLabel("Member or team").selectOption({ label: `${team} (team)` });
  await page.getByLabel("Space role").selectOption("reviewer");
  await page.getByRole("button", { name: "Grant access" }).click();
  const grantRow = page.getByRole("region", { name: "Space grants" }).getByRole("row").filter({ hasText: team });
  await expect(grantRow).toContainText("reviewer");
  await expect(grantRow.getByRole("button", { name: `Revoke access of ${team}` })).toBeVisible();

  // A viewer sees the list but no management control.
  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, ACME.viewer.email, undefined, { to: "/members" });
  await expect(viewer.getByRole("region", { name: "Members" }).getByRole("table")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Invite member" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Create team" })).toHaveCount(0);
  await expect(viewer.getByLabel(/Tenant role of/)).toHaveCount(0);
  await viewer.goto(page.url());
  await expect(viewer.getByRole("heading", { name: "Who can access this space" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Grant access" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Revoke access/ })).toHaveCount(0);
});
