/** The console's main sections, in navigation order. */
export const NAV_KEYS = ["home", "spaces", "capabilities", "reviews", "rollouts", "reports", "tokens", "audit", "members"] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export type NavItem = {
  key: NavKey;
  label: string;
  href: string;
  /** A count badge (e.g. pending reviews); hidden when 0 or absent. */
  count?: number;
  /** Screen-reader wording for the count: "12 pending". */
  countLabel?: string;
};

export const NAV_LABELS: Record<NavKey, string> = {
  home: "Home",
  spaces: "Spaces",
  capabilities: "Capabilities",
  reviews: "Reviews",
  rollouts: "Rollouts",
  reports: "Pilot reports",
  tokens: "Tokens",
  audit: "Audit",
  members: "Members",
};

export const DEFAULT_NAV_HREFS: Record<NavKey, string> = {
  home: "/",
  spaces: "/spaces",
  capabilities: "/capabilities",
  reviews: "/reviews",
  rollouts: "/rollouts",
  reports: "/reports",
  tokens: "/tokens",
  audit: "/audit",
  members: "/members",
};

export type NavCounts = Partial<Record<NavKey, number>>;

/** Builds the nav list from (optional) href overrides and badge counts. */
export function buildNavItems(hrefs: Partial<Record<NavKey, string>> = {}, counts: NavCounts = {}): NavItem[] {
  return NAV_KEYS.map((key) => ({
    key,
    label: NAV_LABELS[key],
    href: hrefs[key] ?? DEFAULT_NAV_HREFS[key],
    count: counts[key],
    countLabel: key === "reviews" ? "pending" : undefined,
  }));
}
