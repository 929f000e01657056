import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import { AgendaItemForm } from './AgendaItemForm';
import type { MeetingDetail } from './MeetingPage';
import { OutcomeForm } from './OutcomeForm';
import { isEditable } from './roles';

const MoveAgendaItemDocument = graphql(`
  mutation MoveAgendaItem($input: MoveAgendaItemInput!) {
    moveAgendaItem(input: $input) {
      id
    }
  }
`);
const CirculateAgendaDocument = graphql(`
  mutation CirculateAgenda($input: MeetingRefInput!) {
    circulateAgenda(input: $input) {
      id
      agendaCirculatedAt
      lateAgenda
    }
  }
`);
const RemoveAgendaItemDocument = graphql(`
  mutation RemoveAgendaItem($input: RemoveAgendaItemInput!) {
    removeAgendaItem(input: $input) {
      id
    }
  }
`);

// Positions change for every item after an edit: the meeting is read again rather than patched.
const REFETCH = { refetchQueries: ['Meeting'], awaitRefetchQueries: true };

/** The agenda in order, each item's kind, lead delegation and outcome; the organizer adds, reorders and removes items. */
export function AgendaSection({ meeting, editable, onReload }: { meeting: MeetingDetail; editable: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const canEdit = editable && isEditable(meeting.status);
  // Outcomes are written once the meeting has opened (the API allows them until it is cancelled).
  const writeOutcomes = editable && (meeting.status === 'IN_SESSION' || meeting.status === 'CONCLUDED');
  const [move, moving] = useMutation(MoveAgendaItemDocument, REFETCH);
  const [remove, removing] = useMutation(RemoveAgendaItemDocument, REFETCH);
  const [circulate, circulating] = useMutation(CirculateAgendaDocument);
  const format = useFormat();
  // The one item being edited (its form replaces its text until saved or cancelled).
  const [editing, setEditing] = useState<string | null>(null);
  const busy = moving.loading || removing.loading;
  const last = meeting.agenda.length;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('meetings.agenda.title')}</h2>
      <p className="meta" aria-live="polite">
        {meeting.agendaCirculatedAt
          ? t('meetings.agenda.circulatedOn', { date: format.dateTime(meeting.agendaCirculatedAt) })
          : t('meetings.agenda.notCirculated')}
      </p>
      {meeting.lateAgenda && isEditable(meeting.status) ? <p className="overdue">{t('meetings.agenda.late')}</p> : null}
      {canEdit && last > 0 ? (
        <div className="actions">
          <button
            type="button"
            disabled={circulating.loading}
            onClick={() => void circulate({ variables: { input: { meetingId: meeting.id } } }).catch(() => undefined)}
          >
            {t(meeting.agendaCirculatedAt ? 'meetings.agenda.circulateAgain' : 'meetings.agenda.circulate')}
          </button>
          <ErrorMessage error={circulating.error} onReload={onReload} />
        </div>
      ) : null}
      {last === 0 ? <p>{t('meetings.agenda.empty')}</p> : null}
      <ol className="cards" aria-label={t('meetings.agenda.title')}>
        {meeting.agenda.map((item) => (
          <li key={item.id} className="card">
            <h3>{item.title}</h3>
            <p className="meta">
              {t(`meetings.agenda.kind.${item.kind}`)}
              {item.leadDelegation ? ` · ${t('meetings.agenda.lead', { delegation: item.leadDelegation.name })}` : ''}
            </p>
            {item.description ? <p className="body">{item.description}</p> : null}
            {editing === item.id ? <AgendaItemForm meeting={meeting} item={item} onDone={() => setEditing(null)} onReload={onReload} /> : null}
            {writeOutcomes ? <OutcomeForm item={item} onReload={onReload} /> : null}
            {item.outcome && !writeOutcomes ? (
              <p>
                <strong>{t('meetings.agenda.outcome')}:</strong> {item.outcome}
              </p>
            ) : null}
            {canEdit ? (
              <div className="actions">
                <button
                  type="button"
                  disabled={busy || item.position === 1}
                  aria-label={t('meetings.agenda.moveUp', { title: item.title })}
                  onClick={() => void move({ variables: { input: { agendaItemId: item.id, position: item.position - 1 } } }).catch(() => undefined)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={busy || item.position === last}
                  aria-label={t('meetings.agenda.moveDown', { title: item.title })}
                  onClick={() => void move({ variables: { input: { agendaItemId: item.id, position: item.position + 1 } } }).catch(() => undefined)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  disabled={editing === item.id}
                  aria-label={t('meetings.agenda.edit', { title: item.title })}
                  onClick={() => setEditing(item.id)}
                >
                  {t('meetings.agenda.editShort')}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('meetings.agenda.remove', { title: item.title })}
                  onClick={() => void remove({ variables: { input: { agendaItemId: item.id } } }).catch(() => undefined)}
                >
                  {t('meetings.agenda.removeShort')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <ErrorMessage error={moving.error ?? removing.error} onReload={onReload} />
      {canEdit ? <AgendaItemForm meeting={meeting} onReload={onReload} /> : null}
    </section>
  );
}
