import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';

const UpdateAgendaItemOutcomeDocument = graphql(`
  mutation UpdateAgendaItemOutcome($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      id
      outcome
    }
  }
`);

/** The organizer writes what the meeting concluded on one agenda item (during or after the meeting). */
export function OutcomeForm({ item, onReload }: { item: { id: string; title: string; outcome?: string | null }; onReload: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(item.outcome ?? '');
  const [update, { loading, error, data }] = useMutation(UpdateAgendaItemOutcomeDocument);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void update({ variables: { input: { agendaItemId: item.id, outcome: text } } }).catch(() => undefined);
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('meetings.agenda.outcomeOf', { title: item.title })}</label>
        <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div>
        <button type="submit" disabled={loading} aria-label={t('meetings.agenda.saveOutcomeOf', { title: item.title })}>
          {t('meetings.agenda.saveOutcome')}
        </button>
      </div>
      {data && !loading && !error ? <p role="status">{t('meetings.agenda.outcomeSaved')}</p> : null}
      <ErrorMessage error={error} onReload={onReload} />
    </form>
  );
}
