import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { AmendmentAction, StatementDetailFragment } from '../../gql/graphql';
import { DecideAmendment, ReviseWithAccepted } from './ClerkAmendments';
import { myOpenCirculation } from './statement';
import { useIsClerk } from './StatementsPage';

// Apart from StatementDetail (whose cost is near the API's limit): its own query and its own
// statementChanged subscription, which update the same normalized Statement in the cache.
const StatementAmendmentsDocument = graphql(`
  query StatementAmendments($id: ID!) {
    statement(id: $id) {
      id
      amendments {
        ...AmendmentRow
      }
    }
  }
`);

const AmendmentsChangedDocument = graphql(`
  subscription AmendmentsChanged($id: ID!) {
    statementChanged(id: $id) {
      id
      amendments {
        ...AmendmentRow
      }
    }
  }
`);

const ProposeAmendmentDocument = graphql(`
  mutation ProposeAmendment($input: ProposeAmendmentInput!) {
    proposeAmendment(input: $input) {
      ...AmendmentRow
    }
  }
`);

const ACTIONS: AmendmentAction[] = ['REPLACE', 'DELETE', 'INSERT_AFTER'];

/** The amendments this user may see (live), and for a recipient delegation of an open circulation, a form to propose one. */
export function Amendments({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(StatementAmendmentsDocument, { variables: { id: s.id } });
  useSubscription(AmendmentsChangedDocument, { variables: { id: s.id } });
  const paragraphs = s.currentVersion?.paragraphs ?? [];
  const numberOf = (key: string) => paragraphs.findIndex((p) => p.key === key) + 1 || key;
  const list = data?.statement.amendments ?? [];
  const clerk = useIsClerk();
  return (
    <section aria-labelledby="st-amendments">
      <h2 id="st-amendments">{t('statements.amendments.title')}</h2>
      <ErrorMessage error={error} />
      {data && list.length === 0 ? <p>{t('statements.amendments.none')}</p> : null}
      {list.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('statements.amendments.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statements.recipient.delegation')}</th>
              <th scope="col">{t('statements.amendments.paragraph')}</th>
              <th scope="col">{t('statements.amendments.action')}</th>
              <th scope="col">{t('statements.amendments.text')}</th>
              <th scope="col">{t('statements.field.status')}</th>
              {clerk ? <th scope="col">{t('statements.amendments.decision')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.delegation.name}</th>
                <td>{numberOf(a.paragraphKey)}</td>
                <td>{t(`statements.amendments.actions.${a.action}`)}</td>
                <td>
                  {a.text ? <p>{a.text}</p> : null}
                  <p className="meta">{a.rationale}</p>
                </td>
                <td id={`am-${a.id}`}>
                  {t(`statements.amendments.status.${a.status}`)}
                  {a.decisionReason ? <p className="meta">{a.decisionReason}</p> : null}
                </td>
                {clerk ? (
                  <td>
                    <DecideAmendment a={a} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {clerk ? <ReviseWithAccepted s={s} amendments={list} /> : null}
      <ProposeForm s={s} />
    </section>
  );
}

function ProposeForm({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const me = useMe();
  const [paragraphKey, setParagraphKey] = useState('');
  const [action, setAction] = useState<AmendmentAction>('REPLACE');
  const [text, setText] = useState('');
  const [rationale, setRationale] = useState('');
  const [propose, proposing] = useMutation(ProposeAmendmentDocument, { refetchQueries: [StatementAmendmentsDocument] });
  const answering = myOpenCirculation(s, new Set(me?.memberships.map((m) => m.delegation.id) ?? []));
  if (!answering || answering.open.purpose !== 'COMMENTS' || answering.open.version.id !== s.currentVersion?.id) return null;
  const paragraphs = s.currentVersion.paragraphs;
  const key = paragraphKey || paragraphs[0]?.key || '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      statementId: s.id,
      versionId: answering.open.version.id,
      delegationId: answering.recipient.delegation.id,
      paragraphKey: key,
      action,
      text: action === 'DELETE' ? null : text,
      rationale,
    };
    const done = await propose({ variables: { input } }).catch(() => null);
    if (done?.data) {
      setText('');
      setRationale('');
    }
  };

  return (
    <form className="form" aria-labelledby="am-head" onSubmit={(e) => void onSubmit(e)}>
      <h3 id="am-head">{t('statements.amendments.propose')}</h3>
      <div className="field">
        <label htmlFor="am-paragraph">{t('statements.amendments.paragraph')}</label>
        <select id="am-paragraph" value={key} onChange={(e) => setParagraphKey(e.target.value)}>
          {paragraphs.map((p, i) => (
            <option key={p.key} value={p.key}>
              {t('statements.draft.paragraphN', { n: i + 1 })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="am-action">{t('statements.amendments.action')}</label>
        <select id="am-action" value={action} onChange={(e) => setAction(e.target.value as AmendmentAction)}>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`statements.amendments.actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {action !== 'DELETE' ? (
        <div className="field">
          <label htmlFor="am-text">{t('statements.amendments.newText')}</label>
          <textarea id="am-text" value={text} onChange={(e) => setText(e.target.value)} required rows={3} maxLength={20000} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="am-rationale">{t('statements.amendments.rationale')}</label>
        <textarea id="am-rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} required rows={2} maxLength={5000} />
      </div>
      <ErrorMessage error={proposing.error} />
      <button type="submit" disabled={proposing.loading}>
        {t('statements.amendments.submit')}
      </button>
    </form>
  );
}
