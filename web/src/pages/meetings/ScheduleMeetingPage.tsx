import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingKind } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { zonedToUtc } from '../../format/zoned-time';
import { MeetingFields, type MeetingFieldValues } from './MeetingFields';

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
  const ids = { body: useId(), kind: useId() };
  const bodies = useQuery(ScheduleBodiesDocument);
  const [schedule, { loading, error }] = useMutation(ScheduleMeetingDocument, { refetchQueries: ['UpcomingMeetings'] });
  const [bodyId, setBodyId] = useState('');
  // An empty time zone until the organizer picks one: theirs, once `me` has loaded.
  const [fields, setFields] = useState<MeetingFieldValues>({ title: '', starts: '', ends: '', timezone: '', location: '' });
  const [kind, setKind] = useState<MeetingKind>('IN_PERSON');
  const values = { ...fields, timezone: fields.timezone || me?.timezone || 'UTC' };
  const list = bodies.data?.bodies.edges.map((e) => e.node) ?? [];
  const chosenBody = bodyId || list[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { title, timezone, location } = values;
    const startsAt = zonedToUtc(values.starts, timezone);
    const endsAt = zonedToUtc(values.ends, timezone);
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
        <MeetingFields values={values} onChange={setFields} />
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
