import { useMutation, useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';

const CalendarFeedDocument = graphql(`
  query CalendarFeed {
    calendarFeedUrl
  }
`);

const ResetCalendarFeedDocument = graphql(`
  mutation ResetCalendarFeed {
    resetCalendarFeed {
      url
    }
  }
`);

/**
 * The user's private iCalendar feed. Calendar apps send no Authorization header, so the feed's own
 * token is in its address (a credential for reading the calendar only, not the session token);
 * whoever got hold of it is shut out by replacing it.
 */
export function CalendarFeed() {
  const { t } = useTranslation();
  const headingId = useId();
  const urlId = useId();
  const { data, error, refetch } = useQuery(CalendarFeedDocument);
  const [reset, resetting] = useMutation(ResetCalendarFeedDocument, {
    update: (cache, { data: result }) => {
      if (result) cache.writeQuery({ query: CalendarFeedDocument, data: { calendarFeedUrl: result.resetCalendarFeed.url } });
    },
  });
  const url = data?.calendarFeedUrl;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{t('meetings.feed.title')}</h2>
      <p>{t('meetings.feed.explain')}</p>
      <ErrorMessage error={error} onReload={() => void refetch()} />
      {url ? (
        <>
          <div className="field">
            <label htmlFor={urlId}>{t('meetings.feed.address')}</label>
            <input id={urlId} readOnly value={url} onFocus={(e) => e.target.select()} />
          </div>
          <p>
            <a href={url}>{t('meetings.calendarFeed')}</a>
          </p>
          <div className="actions">
            <button type="button" disabled={resetting.loading} onClick={() => void reset().catch(() => undefined)}>
              {t('meetings.feed.reset')}
            </button>
          </div>
          {resetting.data && !resetting.loading ? <p role="status">{t('meetings.feed.replaced')}</p> : null}
          <ErrorMessage error={resetting.error} />
        </>
      ) : null}
    </section>
  );
}
