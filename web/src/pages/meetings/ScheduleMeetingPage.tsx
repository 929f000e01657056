import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingKind } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { timeZones, zonedToUtc } from './zoned-time';

const ScheduleBodiesDocument = graphql(`
  query ScheduleBodies {
    bodies(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const ScheduleMeetingDocument = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`);

const KINDS: MeetingKind[] = ['IN_PERSON', 'HYBRID', 'VIDEO'];

/** The organizer schedules a meeting of a body: start and end typed in the chosen zone (the organizer's by default). */
export function ScheduleMeetingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const ids = { body: useId(), title: useId(), starts: useId(), ends: useId(), zone: useId(), location: useId(), kind: useId() };
  const bodies = useQuery(ScheduleBodiesDocument);
  const [schedule, { loading, error }] = useMutation(ScheduleMeetingDocument, { refetchQueries: ['UpcomingMeetings'] });
  const [bodyId, setBodyId] = useState('');
  const [title, setTitle] = useState('');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [zone, setZone] = useState<string | null>(null);
  const [location, setLocation] = useState('');
  const [kind, setKind] = useState<MeetingKind>('IN_PERSON');
  const timezone = zone ?? me?.timezone ?? 'UTC';
  const list = bodies.data?.bodies.edges.map((e) => e.node) ?? [];
  const chosenBody = bodyId || list[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const startsAt = zonedToUtc(starts, timezone);
    const endsAt = zonedToUtc(ends, timezone);
    if (!startsAt || !endsAt) return;
    const input = { bodyId: chosenBody, title, startsAt, endsAt, timezone, kind, location: location || null };
    const result = await schedule({ variables: { input } }).catch(() => null);
    const id = result?.data?.scheduleMeeting.id;
    if (id) void navigate(`/meetings/${id}`);
  };
  return (
    <Page title={t('meetings.schedule.title')}>
      <ErrorMessage error={bodies.error} onReload={() => void bodies.refetch()} />
      <form className="form narrow" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={ids.body}>{t('meetings.body')}</label>
          <select id={ids.body} value={chosenBody} onChange={(e) => setBodyId(e.target.value)} required>
            {list.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.title}>{t('meetings.schedule.meetingTitle')}</label>
          <input id={ids.title} required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.starts}>{t('meetings.schedule.startsAt')}</label>
          <input id={ids.starts} type="datetime-local" required value={starts} onChange={(e) => setStarts(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.ends}>{t('meetings.schedule.endsAt')}</label>
          <input id={ids.ends} type="datetime-local" required value={ends} onChange={(e) => setEnds(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.zone}>{t('meetings.schedule.timezone')}</label>
          <select id={ids.zone} value={timezone} onChange={(e) => setZone(e.target.value)}>
            {timeZones(timezone).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.location}>{t('meetings.schedule.location')}</label>
          <input id={ids.location} value={location} onChange={(e) => setLocation(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>{t('meetings.schedule.kind')}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as MeetingKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} overrides={{ FORBIDDEN: 'meetings.schedule.forbidden' }} />
        <div>
          <button type="submit" className="primary" disabled={loading || !chosenBody}>
            {t('meetings.schedule.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
