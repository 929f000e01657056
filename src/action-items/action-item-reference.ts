import { type EntityManager } from 'typeorm';

/** `AI-2012-0042`. */
export function formatReference(year: number, n: number): string {
  return `AI-${year}-${String(n).padStart(4, '0')}`;
}

/**
 * Takes the next `count` numbers of `year` inside the caller's transaction: the counter row stays
 * locked until commit, and a rollback gives the numbers back, so references are gap-free.
 */
export async function nextReferences(em: EntityManager, year: number, count: number): Promise<string[]> {
  const [{ last }]: { last: number }[] = await em.query(
    `INSERT INTO action_item_reference_counters AS c (year, last) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET last = c.last + EXCLUDED.last RETURNING c.last`,
    [year, count],
  );
  return Array.from({ length: count }, (_, i) => formatReference(year, last - count + 1 + i));
}
