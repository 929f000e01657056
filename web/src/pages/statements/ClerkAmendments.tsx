import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { AmendmentRowFragment, StatementDetailFragment } from '../../gql/graphql';
import { StatementDocument } from './statement';

const DecideAmendmentDocument = graphql(`
  mutation DecideAmendment($input: DecideAmendmentInput!) {
    decideAmendment(input: $input) {
      ...AmendmentRow
    }
  }
`);

const ReviseStatementDocument = graphql(`
  mutation ReviseStatement($input: ReviseStatementInput!) {
    reviseStatement(input: $input) {
      ...StatementDetail
    }
  }
`);

/** The clerk accepts a proposed amendment, or rejects it with the reason the delegation will read. */
export function DecideAmendment({ a }: { a: AmendmentRowFragment }) {
  const { t } = useTranslation();
  const [decide, deciding] = useMutation(DecideAmendmentDocument);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  if (a.status !== 'PROPOSED') return null;
  const send = (decision: 'ACCEPTED' | 'REJECTED') =>
    void decide({ variables: { input: { amendmentId: a.id, decision, reason: decision === 'REJECTED' ? reason.trim() : null } } }).catch(() => undefined);
  const onReject = (e: FormEvent) => {
    e.preventDefault();
    send('REJECTED');
  };
  const reload = () => void deciding.client.refetchQueries({ include: [StatementDocument] });
  return (
    <>
      {rejecting ? (
        <form aria-label={t('statements.amendments.rejectTitle')} onSubmit={onReject}>
          <div className="field">
            <label htmlFor={`rej-${a.id}`}>{t('statements.amendments.rejectReason')}</label>
            <textarea id={`rej-${a.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} maxLength={5000} />
          </div>
          <button type="submit" disabled={deciding.loading} aria-describedby={`am-${a.id}`}>
            {t('statements.amendments.confirmReject')}
          </button>{' '}
          <button type="button" onClick={() => setRejecting(false)}>
            {t('statements.cancel')}
          </button>
        </form>
      ) : (
        <p className="buttons">
          <button type="button" aria-describedby={`am-${a.id}`} disabled={deciding.loading} onClick={() => send('ACCEPTED')}>
            {t('statements.amendments.accept')}
          </button>{' '}
          <button type="button" aria-describedby={`am-${a.id}`} disabled={deciding.loading} onClick={() => setRejecting(true)}>
            {t('statements.amendments.reject')}
          </button>
        </p>
      )}
      <ErrorMessage error={deciding.error} onReload={reload} action={t('statements.amendments.decideAction')} />
    </>
  );
}

/** A new version of the current one with its accepted amendments applied; a newer version meanwhile is a CONFLICT (Reload). */
export function ReviseWithAccepted({ s, amendments }: { s: StatementDetailFragment; amendments: AmendmentRowFragment[] }) {
  const { t } = useTranslation();
  const [revise, revising] = useMutation(ReviseStatementDocument);
  const current = s.currentVersion;
  const accepted = amendments.filter((a) => a.status === 'ACCEPTED' && a.version.id === current?.id);
  if (!current || accepted.length === 0 || !['DRAFTING', 'CIRCULATED'].includes(s.status)) return null;
  const input = { statementId: s.id, baseVersionId: current.id, applyAmendmentIds: accepted.map((a) => a.id) };
  return (
    <p>
      <button type="button" className="primary" disabled={revising.loading} onClick={() => void revise({ variables: { input } }).catch(() => undefined)}>
        {t('statements.amendments.revise', { count: accepted.length })}
      </button>
      <ErrorMessage
        error={revising.error}
        action={t('statements.amendments.reviseAction')}
        onReload={() => void revising.client.refetchQueries({ include: [StatementDocument] })}
      />
    </p>
  );
}
