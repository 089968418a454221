/** Liveness of the Next.js side (a constant; also the Next ceiling in `npm run bench`). */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
