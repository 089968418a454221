import type { Db } from "../../db";
import { touchRuntimeTokens } from "../../db/runtime/auth";

/**
 * "Last used" of runtime tokens, kept in memory and flushed at most every few
 * seconds: no write per request.
 */
export class LastUsedTracker {
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly db: () => Promise<Db>,
    private readonly intervalMs = 5_000,
  ) {}

  mark(tokenId: string, at: Date): void {
    this.pending.set(tokenId, at);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await touchRuntimeTokens(await this.db(), batch);
    } catch (e) {
      console.error("[runtime] could not record token last use", e);
    }
  }
}
