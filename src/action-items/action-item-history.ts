import { type EntityManager } from 'typeorm';
import { ActionItemUpdateEntity } from './action-item-update.entity.js';

type HistoryEntry = Pick<ActionItemUpdateEntity, 'actionItemId' | 'authorId' | 'kind' | 'text'> &
  Partial<Pick<ActionItemUpdateEntity, 'changes' | 'percentComplete'>>;

/** Appends to items' history (one INSERT); jsonb `changes` defeats TypeORM's insert typing, hence the cast. */
export async function appendHistory(em: EntityManager, entries: HistoryEntry | HistoryEntry[]): Promise<string[]> {
  const result = await em.createQueryBuilder().insert().into(ActionItemUpdateEntity).values(entries).returning('id').execute();
  return (result.raw as { id: string }[]).map((r) => r.id);
}
