import { Injectable } from '@nestjs/common';
import { PubSub } from '../../redis/pubsub.js';

export const statementChangedChannel = (statementId: string) => `statementChanged.${statementId}`;

export type StatementChange =
  | 'DRAFTED'
  | 'REVISED'
  | 'CIRCULATED'
  | 'DELIVERY'
  | 'ACKNOWLEDGED'
  | 'AMENDMENT'
  | 'POSITION'
  | 'CLOSED'
  | 'ADOPTED'
  | 'WITHDRAWN'
  | 'PUBLISHED'
  | 'ENDORSED'
  | 'TRANSLATED'
  | 'SILENCE';

export interface StatementChangedPayload {
  statementId: string;
  change: StatementChange;
}

/**
 * Live `statementChanged` events, published after the change committed (a subscriber then reads
 * it) and best effort like any push: the rows are the record.
 */
@Injectable()
export class StatementEvents {
  constructor(private readonly pubsub: PubSub) {}

  async changed(statementId: string, change: StatementChange): Promise<void> {
    await this.pubsub.publish<StatementChangedPayload>(statementChangedChannel(statementId), { statementId, change }).catch(() => undefined);
  }
}
