import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { MeetingDetail } from './MeetingPage';
import { MinutesHistory } from './MinutesHistory';

const SaveMinutesDocument = graphql(`
  mutation SaveOutcomeOfProceedings($input: SaveOutcomeOfProceedingsInput!) {
    saveOutcomeOfProceedings(input: $input) {
      revision
      text
      createdAt
      author {
        id
        name
      }
    }
  }
`);

/** The outcome of proceedings (minutes): its latest revision for every reader; organizers and clerks save a new one. */
export function MinutesSection({ meeting, canWrite, onReload }: { meeting: MeetingDetail; canWrite: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const textId = useId();
  const minutes = meeting.outcomeOfProceedings;
  const [text, setText] = useState(minutes?.text ?? '');
  const [save, { loading, error }] = useMutation(SaveMinutesDocument, { refetchQueries: ['Meeting', 'MinutesHistory'], awaitRefetchQueries: true });
  const [showHistory, setShowHistory] = useState(false);
  if (!minutes && !canWrite) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ variables: { input: { meetingId: meeting.id, baseRevision: minutes?.revision ?? 0, text } } }).catch(() => undefined);
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('meetings.minutes.title')}</h2>
      {minutes ? (
        <>
          <p className="meta">
            {t('meetings.minutes.revision', { revision: minutes.revision, author: minutes.author?.name ?? '–' })} ·{' '}
            <time dateTime={minutes.createdAt}>{format.dateTime(minutes.createdAt)}</time>
          </p>
          {canWrite ? null : <p className="body">{minutes.text}</p>}
        </>
      ) : (
        <p>{t('meetings.minutes.none')}</p>
      )}
      {minutes && minutes.revision > 1 ? (
        <>
          <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
            {t(showHistory ? 'meetings.minutes.hideHistory' : 'meetings.minutes.showHistory')}
          </button>
          {showHistory ? <MinutesHistory meetingId={meeting.id} /> : null}
        </>
      ) : null}
      {canWrite && meeting.status !== 'CANCELLED' ? (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={textId}>{t('meetings.minutes.text')}</label>
            <textarea id={textId} rows={8} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <ErrorMessage error={error} onReload={onReload} />
          <div>
            <button type="submit" disabled={loading || !text.trim()}>
              {t('meetings.minutes.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
