/**
 * Verify every tenant's audit chain and name the first broken link.
 * Exit code 0 when every chain is intact, 1 otherwise.
 */
import { listTenantsForVerification, verifyAuditChain } from "../db/audit";
import { openDatabase } from "../db/client";
import { env } from "../lib/env";

const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DATA_DIR });
let broken = 0;
try {
  const all = await listTenantsForVerification(handle.db);
  for (const t of all) {
    const v = await verifyAuditChain(handle.db, t.id);
    if (v.ok) console.log(`✓ ${t.name}: ${v.checked} events, chain intact`);
    else {
      broken += 1;
      console.log(`✗ ${t.name}: broken at event #${v.firstBroken!.seq} (${v.firstBroken!.reason}): ${v.firstBroken!.message}`);
    }
  }
  console.log(broken ? `${broken} of ${all.length} chains broken` : `All ${all.length} chains intact`);
} finally {
  await handle.close();
}
process.exit(broken ? 1 : 0);
