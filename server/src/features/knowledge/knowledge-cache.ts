/**
 * Answers to public reads (searches, article pages), kept per application instance and dropped
 * whole on any article.* event (knowledgeListeners). Citizens ask the same few hundred questions
 * over and over, and the knowledge base changes a few times a day, so a small LRU map with a short
 * time-to-live serves most requests without touching the database; the TTL bounds staleness on other
 * nodes until events reach them.
 */
import type { AppContext } from '../../platform/context';
import { KnowledgeIndex } from './knowledge-index';

const MAX_ENTRIES = 2000;
const TTL_MS = 5 * 60_000;

export class AnswerCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private generation = 0;

  constructor(
    private readonly maxEntries = MAX_ENTRIES,
    private readonly ttlMs = TTL_MS,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert: a Map iterates in insertion order, so the oldest-used entry is first.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /**
   * Computes and stores a value unless the cache was cleared meanwhile (an answer computed from
   * data older than the last change must not be kept).
   */
  async through(key: string, compute: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const value = await compute();
    if (generation === this.generation) {
      this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface KnowledgeCaches {
  searches: AnswerCache<unknown>;
  articles: AnswerCache<unknown>;
  /** The in-memory search index (rebuilt from the database after changes). */
  index: KnowledgeIndex;
  /** The events part of search answers (keyed by minute: it depends on the time of the question). */
  events: AnswerCache<unknown>;
}

const caches = new WeakMap<AppContext, KnowledgeCaches>();

export function knowledgeCaches(ctx: AppContext): KnowledgeCaches {
  let found = caches.get(ctx);
  if (!found) {
    const answers = { searches: new AnswerCache<unknown>(), articles: new AnswerCache<unknown>() };
    const index = new KnowledgeIndex(ctx, () => {
      answers.searches.clear();
      answers.articles.clear();
    });
    found = { ...answers, index, events: new AnswerCache() };
    caches.set(ctx, found);
  }
  return found;
}

export function clearKnowledgeCaches(ctx: AppContext): void {
  const found = caches.get(ctx);
  found?.searches.clear();
  found?.articles.clear();
  found?.index.invalidate();
  found?.events.clear();
}

/** Event listings changed: only the events part of search answers is stale. */
export function clearEventAnswers(ctx: AppContext): void {
  caches.get(ctx)?.events.clear();
}
