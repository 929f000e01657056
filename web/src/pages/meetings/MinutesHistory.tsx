import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';

// Its own query, read only when asked for: 50 revisions of text would weigh on every opening of the meeting.
const MinutesHistoryDocument = graphql(`
  query MinutesHistory($id: ID!) {
    meeting(id: $id) {
      id
      outcomeOfProceedingsHistory {
        revision
        text
        createdAt
        author {
          id
          name
        }
      }
    }
  }
`);

/** The saved revisions of the outcome of proceedings, newest first (the API keeps the latest 50). */
export function MinutesHistory({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error, loading, refetch } = useQuery(MinutesHistoryDocument, { variables: { id: meetingId } });
  const revisions = data?.meeting.outcomeOfProceedingsHistory ?? [];
  return (
    <>
      <ErrorMessage error={error} onReload={() => void refetch()} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      <ol className="cards" aria-label={t('meetings.minutes.history')}>
        {revisions.map((r) => (
          <li key={r.revision} className="card">
            <h3>{t('meetings.minutes.revision', { revision: r.revision, author: r.author?.name ?? '–' })}</h3>
            <p className="meta">
              <time dateTime={r.createdAt}>{format.dateTime(r.createdAt)}</time>
            </p>
            <p className="body">{r.text}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
