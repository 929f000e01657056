import { useMutation } from '@apollo/client/react';
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

/** The clerk accepts a proposed amendment (rejecting one, with its reason, is still to be built). */
export function AcceptAmendment({ a }: { a: AmendmentRowFragment }) {
  const { t } = useTranslation();
  const [decide, deciding] = useMutation(DecideAmendmentDocument);
  if (a.status !== 'PROPOSED') return null;
  return (
    <>
      <button
        type="button"
        aria-describedby={`am-${a.id}`}
        disabled={deciding.loading}
        onClick={() => void decide({ variables: { input: { amendmentId: a.id, decision: 'ACCEPTED' } } }).catch(() => undefined)}
      >
        {t('statements.amendments.accept')}
      </button>
      <ErrorMessage error={deciding.error} />
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
      <ErrorMessage error={revising.error} onReload={() => void revising.client.refetchQueries({ include: [StatementDocument] })} />
    </p>
  );
}
