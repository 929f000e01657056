import { type DataSource } from 'typeorm';
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

/** DeliveryService's settle handler for circulations: typed subjects in, `settled` called with them (one, or a batch's). */
export function circulationSettleHandler(
  settled: (items: { subject: CirculationDeliverySubject; delivery: SettledDelivery }[]) => Promise<void>,
): SettleHandler<CirculationDeliverySubject> {
  return {
    settled: (subject, delivery) => settled([{ subject, delivery }]),
    settledMany: settled,
    subjectOf(eventKey) {
      const [kind, circulationId, delegationId, ...rest] = eventKey.split(':');
      return kind === KIND && circulationId && delegationId && rest.length === 0 ? { circulationId, delegationId } : null;
    },
  };
}

/**
 * DELIVERED (once) for each recipient none of whose deliveries (its members' notices by their event
 * key, its webhook call) is still pending or failed, in one statement; answers the statements of
 * those that changed.
 */
export async function settleRecipients(db: DataSource, recipients: readonly CirculationDeliverySubject[]): Promise<string[]> {
  if (recipients.length === 0) return [];
  const [rows]: [{ statement_id: string }[], number] = await db.query(
    `UPDATE circulation_recipients r SET delivered_at = now(), updated_at = now(),
            status = CASE WHEN r.status = 'QUEUED' THEN 'DELIVERED'::circulation_recipient_status ELSE r.status END
       FROM circulations c, unnest($1::uuid[], $2::uuid[], $3::text[]) AS k(circulation_id, delegation_id, event_key)
      WHERE c.id = r.circulation_id AND r.circulation_id = k.circulation_id AND r.delegation_id = k.delegation_id
        AND r.delivered_at IS NULL AND r.status <> 'FAILED'
        AND NOT EXISTS (SELECT 1 FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
                         WHERE n.event_key = k.event_key AND d.status NOT IN ('SENT', 'SKIPPED'))
        AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.event_key = k.event_key AND d.delegation_id = k.delegation_id AND d.status NOT IN ('SENT', 'SKIPPED'))
      RETURNING c.statement_id`,
    [recipients.map((r) => r.circulationId), recipients.map((r) => r.delegationId), recipients.map((r) => circulationEventKey(r))],
  );
  return [...new Set(rows.map((r) => r.statement_id))];
}

/** FAILED, unless no longer QUEUED (a delivery failed for good); answers the statement if it changed. */
export async function failRecipient(db: DataSource, r: CirculationDeliverySubject, reason: string): Promise<string | null> {
  const [rows]: [{ statement_id: string }[], number] = await db.query(
    `UPDATE circulation_recipients r SET status = 'FAILED', failed_at = now(), last_error = $3, updated_at = now()
       FROM circulations c
      WHERE c.id = r.circulation_id AND r.circulation_id = $1 AND r.delegation_id = $2 AND r.status = 'QUEUED'
      RETURNING c.statement_id`,
    [r.circulationId, r.delegationId, reason.slice(0, 1000)],
  );
  return rows[0]?.statement_id ?? null;
}
