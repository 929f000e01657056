import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { AgendaItemKind } from '../../gql/graphql';
import type { MeetingDetail } from './MeetingPage';

const AddAgendaItemDocument = graphql(`
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      id
    }
  }
`);
const UpdateAgendaItemDocument = graphql(`
  mutation UpdateAgendaItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      id
      title
      kind
      description
      leadDelegation {
        id
        code
        name
      }
    }
  }
`);

const KINDS: AgendaItemKind[] = ['FOR_DECISION', 'FOR_DISCUSSION', 'FOR_INFORMATION'];
type Item = MeetingDetail['agenda'][number];

/**
 * Adds an item to the agenda (no `item`) or edits one (title, kind, lead delegation, description).
 * A new item shifts nothing but is read back with the meeting; an edit patches the cache.
 */
export function AgendaItemForm({ meeting, item, onDone, onReload }: { meeting: MeetingDetail; item?: Item; onDone?: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), kind: useId(), lead: useId(), description: useId() };
  const [add, adding] = useMutation(AddAgendaItemDocument, { refetchQueries: ['Meeting'], awaitRefetchQueries: true });
  const [update, updating] = useMutation(UpdateAgendaItemDocument);
  const [title, setTitle] = useState(item?.title ?? '');
  const [kind, setKind] = useState<AgendaItemKind>(item?.kind ?? 'FOR_DISCUSSION');
  const [lead, setLead] = useState(item?.leadDelegation?.id ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const loading = adding.loading || updating.loading;
  const name = item ? t('meetings.agenda.editOf', { title: item.title }) : t('meetings.agenda.add');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = { title, kind, leadDelegationId: lead || null, description: description || null };
    if (item) {
      const ok = await update({ variables: { input: { agendaItemId: item.id, ...fields } } }).catch(() => null);
      if (ok?.data) onDone?.();
      return;
    }
    const ok = await add({ variables: { input: { meetingId: meeting.id, ...fields } } }).catch(() => null);
    if (ok?.data) {
      setTitle('');
      setDescription('');
      setLead('');
    }
  };
  return (
    <form className="form narrow" onSubmit={(e) => void submit(e)} aria-label={name}>
      {item ? null : <h3>{name}</h3>}
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
      <ErrorMessage error={adding.error ?? updating.error} onReload={onReload} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading || !title.trim()}>
          {item ? t('meetings.agenda.saveItem') : t('meetings.agenda.addSubmit')}
        </button>
        {item ? (
          <button type="button" onClick={onDone}>
            {t('meetings.agenda.cancelEdit')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
