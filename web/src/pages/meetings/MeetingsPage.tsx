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
import { canManageMeetings, myParticipants } from './roles';
import './meetings.css';

// Two operations, not two aliases: each page of 20 with its participants stays within the API's query cost limit.
const UpcomingMeetingsDocument = graphql(`
  query UpcomingMeetings($now: DateTime!) {
    meetings(first: 20, filter: { from: $now }) {
      edges {
        node {
          ...ListedMeeting
        }
      }
    }
  }
`);

const PastMeetingsDocument = graphql(`
  query PastMeetings($now: DateTime!) {
    meetings(first: 20, filter: { to: $now }) {
      edges {
        node {
          ...ListedMeeting
        }
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
  // Started before now and over: newest first (one in session is among the upcoming ones).
  const past = (pastQuery.data?.meetings.edges.map((e) => e.node) ?? []).filter((m) => m.endsAt < now).reverse();
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
      <MeetingList title={t('meetings.upcoming')} empty={t('meetings.noUpcoming')} meetings={upcoming} query={upcomingQuery} />
      <MeetingList title={t('meetings.past')} empty={t('meetings.noPast')} meetings={past} query={pastQuery} />
    </Page>
  );
}

interface ListQuery {
  data?: unknown;
  error?: unknown;
  loading: boolean;
  refetch: () => Promise<unknown>;
}

function MeetingList({ title, empty, meetings, query }: { title: string; empty: string; meetings: ListedMeeting[]; query: ListQuery }) {
  const { t } = useTranslation();
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
