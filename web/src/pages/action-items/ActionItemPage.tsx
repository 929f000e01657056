import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { ActionItemStatus } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { ActionItemHistory } from './ActionItemHistory';
import { isStatus, NEEDS_NOTE, NEXT } from './status';

const ActionItemDocument = graphql(`
  query ActionItem($id: ID!) {
    actionItem(id: $id) {
      id
      reference
      title
      description
      status
      priority
      dueAt
      overdue
      completedAt
      version
      ownerDelegation {
        id
        code
        name
      }
      assignee {
        id
        name
      }
      meeting {
        id
        title
      }
      commitment {
        id
        ordinal
        text
        statement {
          id
          reference
        }
      }
      history {
        ...ActionItemHistoryEntry
      }
    }
  }
`);

const SetStatusDocument = graphql(`
  mutation SetActionItemStatus($input: SetActionItemStatusInput!) {
    setActionItemStatus(input: $input) {
      id
      status
      completedAt
      overdue
      version
      history {
        ...ActionItemHistoryEntry
      }
    }
  }
`);

const AddNoteDocument = graphql(`
  mutation AddActionItemNote($input: AddActionItemUpdateInput!) {
    addActionItemUpdate(input: $input) {
      id
      version
      history {
        ...ActionItemHistoryEntry
      }
    }
  }
`);

/** One action item: what it is, the commitment it serves, its status (changeable), a note, its history. */
export function ActionItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error, refetch } = useQuery(ActionItemDocument, { variables: { id } });
  const [setStatus, statusCall] = useMutation(SetStatusDocument);
  const [addNote, noteCall] = useMutation(AddNoteDocument);
  const [chosen, setChosen] = useState<ActionItemStatus | ''>('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const ids = { status: useId(), note: useId() };
  const item = data?.actionItem;
  if (!item) {
    return (
      <Page title={t('actionItems.item')}>
        <ErrorMessage error={error} onReload={() => void refetch()} />
        {error ? null : <p>{t('common.loading')}</p>}
      </Page>
    );
  }
  const status = chosen || item.status;
  const saveStatus = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const result = await setStatus({ variables: { input: { actionItemId: item.id, status, note: note.trim() || null } } }).catch(() => null);
    if (result?.data) {
      setNote('');
      setChosen('');
      setSaved(t('actionItems.statusSaved', { status: t(`actionItems.status.${result.data.setActionItemStatus.status}`) }));
    }
  };
  const saveNote = async () => {
    setSaved(null);
    const result = await addNote({ variables: { input: { actionItemId: item.id, note: note.trim() } } }).catch(() => null);
    if (result?.data) {
      setNote('');
      setSaved(t('actionItems.noteSaved'));
    }
  };
  const options = [item.status, ...NEXT[item.status]];
  return (
    <Page title={`${item.reference} ${item.title}`}>
      <p>
        <Link to="/action-items">{t('actionItems.back')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('actionItems.currentStatus')}</dt>
        <dd>{t(`actionItems.status.${item.status}`)}</dd>
        <dt>{t('actionItems.dueDate')}</dt>
        <dd>
          {item.dueAt ? format.dateTime(item.dueAt) : t('actionItems.noDue')}
          {item.overdue ? <strong className="overdue"> · {t('actionItems.overdue')}</strong> : null}
        </dd>
        <dt>{t('actionItems.owner')}</dt>
        <dd>{item.ownerDelegation.name}</dd>
        <dt>{t('actionItems.assignee')}</dt>
        <dd>{item.assignee?.name ?? t('actionItems.unassigned')}</dd>
        <dt>{t('actionItems.priority')}</dt>
        <dd>{t(`actionItems.priorities.${item.priority}`)}</dd>
        {item.meeting ? (
          <>
            <dt>{t('actionItems.meeting')}</dt>
            <dd>{item.meeting.title}</dd>
          </>
        ) : null}
      </dl>
      {item.description ? <p className="body">{item.description}</p> : null}
      {item.commitment ? (
        <section aria-labelledby="commitment">
          <h2 id="commitment">{t('actionItems.commitment')}</h2>
          <blockquote>
            <p>{item.commitment.text}</p>
            <footer>{t('actionItems.goalOf', { ordinal: item.commitment.ordinal, reference: item.commitment.statement.reference })}</footer>
          </blockquote>
        </section>
      ) : null}
      <section aria-labelledby="change">
        <h2 id="change">{t('actionItems.change')}</h2>
        <form className="form narrow" onSubmit={(e) => void saveStatus(e)}>
          <div className="field">
            <label htmlFor={ids.status}>{t('actionItems.statusLabel')}</label>
            <select id={ids.status} value={status} onChange={(e) => isStatus(e.target.value) && setChosen(e.target.value)}>
              {options.map((s) => (
                <option key={s} value={s}>
                  {t(`actionItems.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.note}>{t('actionItems.note')}</label>
            <textarea id={ids.note} rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${ids.note}-hint`} />
            <span id={`${ids.note}-hint`} className="hint">
              {t('actionItems.noteHint')}
            </span>
          </div>
          <ErrorMessage error={statusCall.error ?? noteCall.error} onReload={() => void refetch()} />
          <p role="status">{saved}</p>
          <div className="buttons">
            <button type="submit" className="primary" disabled={statusCall.loading || status === item.status || (NEEDS_NOTE.includes(status) && !note.trim())}>
              {t('actionItems.saveStatus')}
            </button>
            <button type="button" onClick={() => void saveNote()} disabled={noteCall.loading || !note.trim()}>
              {t('actionItems.addNote')}
            </button>
          </div>
        </form>
      </section>
      <ActionItemHistory history={item.history} />
    </Page>
  );
}
