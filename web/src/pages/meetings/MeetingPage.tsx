import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useEntityChanged } from '../../app/entity-events';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { MeetingQuery } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { AgendaSection } from './AgendaSection';
import { CalendarLinks } from './CalendarLinks';
import { EditMeetingForm } from './EditMeetingForm';
import { InvitationAnswer } from './InvitationAnswer';
import { ParticipantsSection } from './ParticipantsSection';
import { MinutesSection } from './MinutesSection';
import { canManageMeetings, canWriteMinutes, isEditable, myParticipants } from './roles';
import { StatusActions } from './StatusActions';
import './meetings.css';

const MeetingDocument = graphql(`
  query Meeting($id: ID!) {
    meeting(id: $id) {
      id
      title
      status
      version
      kind
      startsAt
      endsAt
      timezone
      location
      chair {
        id
        name
      }
      body {
        id
        name
        members {
          id
          code
          name
        }
      }
      agendaCirculatedAt
      lateAgenda
      agenda {
        id
        position
        title
        kind
        description
        outcome
        leadDelegation {
          id
          code
          name
        }
      }
      outcomeOfProceedings {
        revision
        text
        createdAt
        author {
          id
          name
        }
      }
      participants {
        id
        rsvp
        respondedAt
        attended
        delegation {
          id
          code
          name
        }
        accredited {
          id
          attended
          user {
            id
            name
          }
        }
      }
    }
    calendarFeedUrl
  }
`);

export type MeetingDetail = MeetingQuery['meeting'];

/** One meeting: when and where, its status, its agenda, who is invited and their answers; the organizer's controls. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const format = useFormat();
  const { data, error, loading, refetch } = useQuery(MeetingDocument, { variables: { id } });
  const m = data?.meeting;
  const reload = () => void refetch();
  // No meeting subscription in the API: a live notification about this meeting (changed, cancelled, agenda) reads it again.
  useEntityChanged('Meeting', id, reload);
  if (!m) {
    return (
      <Page title={t('meetings.meeting')}>
        <ErrorMessage error={error} onReload={reload} overrides={{ NOT_FOUND: 'meetings.notFound', FORBIDDEN: 'meetings.notFound' }} />
        {loading ? <p>{t('common.loading')}</p> : null}
        <p>
          <Link to="/meetings">{t('meetings.backToList')}</Link>
        </p>
      </Page>
    );
  }
  const organizer = canManageMeetings(me);
  const mine = myParticipants(me, m.participants);
  return (
    <Page title={m.title}>
      <ErrorMessage error={error} onReload={reload} />
      <dl className="facts">
        <dt>{t('meetings.when')}</dt>
        <dd>
          <time dateTime={m.startsAt}>{format.dateTime(m.startsAt)}</time> – <time dateTime={m.endsAt}>{format.dateTime(m.endsAt)}</time> ({format.timeZone})
        </dd>
        <dt>{t('meetings.where')}</dt>
        <dd>{m.location ?? t('meetings.noLocation')}</dd>
        <dt>{t('meetings.body')}</dt>
        <dd>{m.body.name}</dd>
        {m.chair ? (
          <>
            <dt>{t('meetings.chair')}</dt>
            <dd>{m.chair.name}</dd>
          </>
        ) : null}
        <dt>{t('meetings.statusLabel')}</dt>
        <dd>{t(`meetings.status.${m.status}`)}</dd>
      </dl>
      <CalendarLinks meetingId={m.id} feedUrl={data.calendarFeedUrl} />
      {organizer && isEditable(m.status) ? <EditMeetingForm meeting={m} onReload={reload} /> : null}
      {organizer ? <StatusActions meeting={m} onReload={reload} /> : null}
      {mine.map((p) => (
        <InvitationAnswer key={p.id} meeting={m} participant={p} onReload={reload} />
      ))}
      <AgendaSection meeting={m} editable={organizer} onReload={reload} />
      <ParticipantsSection meeting={m} organizer={organizer} onReload={reload} />
      <MinutesSection key={m.outcomeOfProceedings?.revision ?? 0} meeting={m} canWrite={canWriteMinutes(me)} onReload={reload} />
      <p>
        <Link to="/meetings">{t('meetings.backToList')}</Link>
      </p>
    </Page>
  );
}
