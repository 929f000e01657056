import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { AgendaItemKind } from '../../gql/graphql';
import type { MeetingDetail } from './MeetingPage';
import { OutcomeForm } from './OutcomeForm';
import { isEditable } from './roles';

const AddAgendaItemDocument = graphql(`
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      id
    }
  }
`);
const MoveAgendaItemDocument = graphql(`
  mutation MoveAgendaItem($input: MoveAgendaItemInput!) {
    moveAgendaItem(input: $input) {
      id
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

const KINDS: AgendaItemKind[] = ['FOR_DECISION', 'FOR_DISCUSSION', 'FOR_INFORMATION'];
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
  const busy = moving.loading || removing.loading;
  const last = meeting.agenda.length;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('meetings.agenda.title')}</h2>
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
      {canEdit ? <AddAgendaItemForm meeting={meeting} onReload={onReload} /> : null}
    </section>
  );
}

function AddAgendaItemForm({ meeting, onReload }: { meeting: MeetingDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), kind: useId(), lead: useId(), description: useId() };
  const [add, { loading, error }] = useMutation(AddAgendaItemDocument, REFETCH);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<AgendaItemKind>('FOR_DISCUSSION');
  const [lead, setLead] = useState('');
  const [description, setDescription] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { meetingId: meeting.id, title, kind, leadDelegationId: lead || null, description: description || null };
    const ok = await add({ variables: { input } }).catch(() => null);
    if (ok?.data) {
      setTitle('');
      setDescription('');
      setLead('');
    }
  };
  return (
    <form className="form narrow" onSubmit={(e) => void submit(e)} aria-label={t('meetings.agenda.add')}>
      <h3>{t('meetings.agenda.add')}</h3>
      <div className="field">
        <label htmlFor={ids.title}>{t('meetings.agenda.itemTitle')}</label>
        <input id={ids.title} required value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.kind}>{t('meetings.agenda.itemKind')}</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as AgendaItemKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`meetings.agenda.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.lead}>{t('meetings.agenda.itemLead')}</label>
        <select id={ids.lead} value={lead} onChange={(e) => setLead(e.target.value)}>
          <option value="">{t('meetings.agenda.noLead')}</option>
          {meeting.body.members.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('meetings.agenda.itemDescription')}</label>
        <textarea id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <ErrorMessage error={error} onReload={onReload} />
      <div>
        <button type="submit" className="primary" disabled={loading || !title.trim()}>
          {t('meetings.agenda.addSubmit')}
        </button>
      </div>
    </form>
  );
}
