/**
 * A same-site path to send the browser to after sign-in, or "/". Refuses
 * anything a browser could read as another origin: `//host`, `/\host` (browsers
 * treat `\` as `/`), schemes, and control characters.
 */
export function safeRedirectPath(target: unknown): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return "/";
  if (!target.startsWith("/")) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return "/";
  if (target.startsWith("//")) return "/";
  try {
    const base = "http://console.invalid";
    const u = new URL(target, base);
    if (u.origin !== base) return "/";
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return "/";
  }
}
