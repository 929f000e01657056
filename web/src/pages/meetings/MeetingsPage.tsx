import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { ListedMeetingFragment } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { CalendarFeed } from './CalendarFeed';
import { canManageMeetings, myParticipants } from './roles';
import './meetings.css';

// Two operations, not two aliases: a page of 20 with its participants costs 8,301 of the API's 20,000
// (both as aliases of one operation, or one page of 100, would not pass); "Show more" fetches 20 more.
const UpcomingMeetingsDocument = graphql(`
  query UpcomingMeetings($now: DateTime!, $after: String) {
    meetings(first: 20, after: $after, filter: { from: $now }) {
      edges {
        node {
          ...ListedMeeting
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PastMeetingsDocument = graphql(`
  query PastMeetings($now: DateTime!, $after: String) {
    meetings(first: 20, after: $after, filter: { to: $now }, orderBy: STARTS_AT_DESC) {
      edges {
        node {
          ...ListedMeeting
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

graphql(`
  fragment ListedMeeting on Meeting {
    id
    title
    status
    startsAt
    endsAt
    location
    body {
      id
      name
    }
    participants {
      id
      rsvp
      delegation {
        id
        name
      }
    }
  }
`);

type ListedMeeting = ListedMeetingFragment;

/** The meetings the user may see (the API decides which), upcoming first, then past ones newest first. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  // Fixed when the page opens, so the variables (and the queries) stay the same across renders.
  const [now] = useState(() => new Date().toISOString());
  const upcomingQuery = useQuery(UpcomingMeetingsDocument, { variables: { now } });
  const pastQuery = useQuery(PastMeetingsDocument, { variables: { now } });
  const upcoming = upcomingQuery.data?.meetings.edges.map((e) => e.node) ?? [];
  // Started before now and over, newest first (one in session is among the upcoming ones).
  const past = (pastQuery.data?.meetings.edges.map((e) => e.node) ?? []).filter((m) => m.endsAt < now);
  return (
    <Page
      title={t('meetings.title')}
      actions={
        canManageMeetings(me) ? (
          <Link className="button primary" to="/meetings/new">
            {t('meetings.schedule.title')}
          </Link>
        ) : null
      }
    >
      <MeetingList
        title={t('meetings.upcoming')}
        empty={t('meetings.noUpcoming')}
        more={t('meetings.moreUpcoming')}
        meetings={upcoming}
        query={upcomingQuery}
      />
      <MeetingList title={t('meetings.past')} empty={t('meetings.noPast')} more={t('meetings.morePast')} meetings={past} query={pastQuery} />
      <CalendarFeed />
    </Page>
  );
}

interface ListQuery {
  data?: { meetings: { pageInfo: { hasNextPage: boolean; endCursor?: string | null } } };
  error?: unknown;
  loading: boolean;
  refetch: () => Promise<unknown>;
  fetchMore: (options: { variables: { after: string | null | undefined } }) => Promise<unknown>;
}

function MeetingList({ title, empty, more, meetings, query }: { title: string; empty: string; more: string; meetings: ListedMeeting[]; query: ListQuery }) {
  const { t } = useTranslation();
  const [fetching, setFetching] = useState(false);
  const page = query.data?.meetings.pageInfo;
  const showMore = () => {
    setFetching(true);
    void query
      .fetchMore({ variables: { after: page?.endCursor } })
      .catch(() => undefined)
      .finally(() => setFetching(false));
  };
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ErrorMessage error={query.error} onReload={() => void query.refetch()} />
      {query.loading && !query.data ? <p>{t('common.loading')}</p> : null}
      {query.data && meetings.length === 0 ? <p>{empty}</p> : null}
      <ul className="cards" aria-label={title}>
        {meetings.map((m) => (
          <MeetingCard key={m.id} m={m} />
        ))}
      </ul>
      {page?.hasNextPage ? (
        <button type="button" disabled={fetching} onClick={showMore}>
          {more}
        </button>
      ) : null}
    </section>
  );
}

function MeetingCard({ m }: { m: ListedMeeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const mine = myParticipants(me, m.participants);
  return (
    <li className="card">
      <article aria-labelledby={`m-${m.id}`}>
        <h3 id={`m-${m.id}`}>
          <Link to={`/meetings/${m.id}`}>{m.title}</Link>
        </h3>
        <p className="meta">
          <time dateTime={m.startsAt}>{format.dateTime(m.startsAt)}</time> – <time dateTime={m.endsAt}>{format.dateTime(m.endsAt)}</time>
          {m.location ? ` · ${m.location}` : ''} · {m.body.name}
        </p>
        <p className="meta">
          {t('meetings.statusLabel')}: {t(`meetings.status.${m.status}`)}
        </p>
        {mine.map((p) => (
          <p key={p.id} className="meta">
            {t('meetings.yourAnswer', { delegation: p.delegation.name })}: <strong>{t(`meetings.rsvp.${p.rsvp}`)}</strong>
          </p>
        ))}
      </article>
    </li>
  );
}
