/**
 * Results keyed by route + parameters + the snapshot ids of the tables read: a new snapshot changes the key, so it
 * is never served stale. Entries are stored serialized (a hit costs no JSON work). Bounded, least recently used.
 */
export interface CachedResult { readonly body: string; readonly value: unknown }

export class ResultCache {
  private readonly entries = new Map<string, CachedResult>();

  constructor(private readonly capacity = 500, readonly enabled = true) {}

  get(key: string): CachedResult | undefined {
    if (!this.enabled) return undefined;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, entry: CachedResult): void {
    if (!this.enabled) return;
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
