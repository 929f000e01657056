import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { Stance, StatementDetailFragment } from '../../gql/graphql';
import { myOpenCirculation, StatementDocument } from './statement';

const AcknowledgeDocument = graphql(`
  mutation AcknowledgeCirculation($input: AcknowledgeCirculationInput!) {
    acknowledgeCirculation(input: $input) {
      id
      status
      acknowledgedAt
      late
    }
  }
`);

const RecordPositionDocument = graphql(`
  mutation RecordPosition($input: RecordPositionInput!) {
    recordPosition(input: $input) {
      id
      stance
      reason
      recordedAt
      delegation {
        id
        code
      }
    }
  }
`);

const STANCES: Stance[] = ['SUPPORT', 'SCRUTINY_RESERVATION', 'RESERVATION', 'OBJECTION', 'ABSTAIN'];
const NEEDS_REASON = new Set<Stance>(['SCRUTINY_RESERVATION', 'RESERVATION', 'OBJECTION']);

/** For a delegation the latest open circulation went to: acknowledge receipt, then record its position. */
export function DelegationAnswer({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const me = useMe();
  const mine = new Set(me?.memberships.map((m) => m.delegation.id) ?? []);
  const answering = myOpenCirculation(s, mine);
  const open = answering?.open;
  const recipient = answering?.recipient;
  const [acknowledge, acknowledging] = useMutation(AcknowledgeDocument);
  const [stance, setStance] = useState<Stance>('SUPPORT');
  const [reason, setReason] = useState('');
  const [record, recording] = useMutation(RecordPositionDocument, { refetchQueries: [StatementDocument] });
  if (!open || !recipient) return null;
  const reload = () => void acknowledging.client.refetchQueries({ include: [StatementDocument] });
  const delegationId = recipient.delegation.id;

  const onRecord = async (e: FormEvent) => {
    e.preventDefault();
    const input = { statementId: s.id, versionId: open.version.id, delegationId, stance, reason: reason.trim() || null };
    const done = await record({ variables: { input } }).catch(() => null);
    if (done?.data) setReason('');
  };

  return (
    <section aria-labelledby="st-answer">
      <h2 id="st-answer">{t('statements.answer.title', { delegation: recipient.delegation.name, label: open.version.label })}</h2>
      {recipient.status === 'ACKNOWLEDGED' ? (
        <p>{t('statements.answer.acknowledged')}</p>
      ) : (
        <p>
          <button
            type="button"
            className="primary"
            disabled={acknowledging.loading}
            onClick={() => void acknowledge({ variables: { input: { circulationId: open.id, delegationId } } }).catch(() => undefined)}
          >
            {t('statements.answer.acknowledge')}
          </button>
        </p>
      )}
      <ErrorMessage error={acknowledging.error} onReload={reload} />
      {open.purpose === 'SILENCE' && s.status === 'SILENCE_PROCEDURE' ? (
        <ObjectUnderSilence s={s} versionId={open.version.id} delegationId={delegationId} />
      ) : null}
      {open.purpose !== 'SILENCE' ? (
        <form className="form" aria-labelledby="st-position" onSubmit={(e) => void onRecord(e)}>
          <h3 id="st-position">{t('statements.answer.positionTitle')}</h3>
          <div className="field">
            <label htmlFor="pos-stance">{t('statements.answer.stance')}</label>
            <select id="pos-stance" value={stance} onChange={(e) => setStance(e.target.value as Stance)}>
              {STANCES.map((x) => (
                <option key={x} value={x}>
                  {t(`statements.stance.${x}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pos-reason">{t('statements.answer.reason')}</label>
            <textarea
              id="pos-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              required={NEEDS_REASON.has(stance)}
              maxLength={5000}
            />
          </div>
          <ErrorMessage error={recording.error} onReload={reload} />
          <button type="submit" disabled={recording.loading}>
            {t('statements.answer.record')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/**
 * Under silence, a member delegation's only answer is an objection (silence means agreement): it
 * breaks silence for everyone, so the form says so and asks for the reason the others will read.
 */
function ObjectUnderSilence({ s, versionId, delegationId }: { s: StatementDetailFragment; versionId: string; delegationId: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [record, recording] = useMutation(RecordPositionDocument, { refetchQueries: [StatementDocument] });
  const onObject = async (e: FormEvent) => {
    e.preventDefault();
    const input = { statementId: s.id, versionId, delegationId, stance: 'OBJECTION' as const, reason: reason.trim() };
    await record({ variables: { input } }).catch(() => null);
  };
  return (
    <form className="form" aria-labelledby="st-object" onSubmit={(e) => void onObject(e)}>
      <h3 id="st-object">{t('statements.silence.objectTitle')}</h3>
      <p>{t('statements.silence.objectHint')}</p>
      <div className="field">
        <label htmlFor="obj-reason">{t('statements.silence.objectReason')}</label>
        <textarea id="obj-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required maxLength={5000} />
      </div>
      <ErrorMessage
        error={recording.error}
        action={t('statements.silence.objectAction')}
        onReload={() => void recording.client.refetchQueries({ include: [StatementDocument] })}
      />
      <button type="submit" className="danger" disabled={recording.loading}>
        {t('statements.silence.object')}
      </button>
    </form>
  );
}
