import { type SettleHandler, type SettledDelivery } from '../../notifications/delivery.service.js';

/** One circulation's delivery to one delegation: what its notices and webhook call are about. */
export interface CirculationDeliverySubject {
  circulationId: string;
  delegationId: string;
}

const KIND = 'circulation';

/**
 * The event key of a circulation's notices to one delegation, built and read back here only: the
 * notices carry it (StatementNotifications), and settling matches deliveries on it.
 */
export function circulationEventKey(s: CirculationDeliverySubject): string {
  return `${KIND}:${s.circulationId}:${s.delegationId}`;
}

/** DeliveryService's settle handler for circulations: typed subject in, `settled` (or `settledMany`, for a batch) called with it. */
export function circulationSettleHandler(
  settled: (subject: CirculationDeliverySubject, delivery: SettledDelivery) => Promise<void>,
  settledMany?: (items: { subject: CirculationDeliverySubject; delivery: SettledDelivery }[]) => Promise<void>,
): SettleHandler<CirculationDeliverySubject> {
  return {
    settledMany,
    subjectOf(eventKey) {
      const [kind, circulationId, delegationId, ...rest] = eventKey.split(':');
      return kind === KIND && circulationId && delegationId && rest.length === 0 ? { circulationId, delegationId } : null;
    },
    settled,
  };
}
