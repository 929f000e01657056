import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingDetail } from './MeetingPage';
import { timeZones, utcToZonedInput, zonedToUtc } from './zoned-time';

const UpdateMeetingDocument = graphql(`
  mutation UpdateMeeting($input: UpdateMeetingInput!) {
    updateMeeting(input: $input) {
      id
      title
      startsAt
      endsAt
      timezone
      location
      version
      status
    }
  }
`);

/** The organizer changes title, time or place (in the venue's zone); the version sent back makes a concurrent change a CONFLICT. */
export function EditMeetingForm({ meeting, onReload }: { meeting: MeetingDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), starts: useId(), ends: useId(), zone: useId(), location: useId() };
  const [update, { loading, error, data }] = useMutation(UpdateMeetingDocument);
  const [title, setTitle] = useState(meeting.title);
  const [zone, setZone] = useState(meeting.timezone);
  const [starts, setStarts] = useState(utcToZonedInput(meeting.startsAt, meeting.timezone));
  const [ends, setEnds] = useState(utcToZonedInput(meeting.endsAt, meeting.timezone));
  const [location, setLocation] = useState(meeting.location ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = zonedToUtc(starts, zone);
    const endsAt = zonedToUtc(ends, zone);
    if (!startsAt || !endsAt) return;
    const input = { meetingId: meeting.id, version: meeting.version, title, startsAt, endsAt, timezone: zone, location };
    void update({ variables: { input } }).catch(() => undefined);
  };
  return (
    <details>
      <summary>{t('meetings.edit.title')}</summary>
      <form className="form narrow" onSubmit={submit}>
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
          <select id={ids.zone} value={zone} onChange={(e) => setZone(e.target.value)}>
            {timeZones(zone).map((z) => (
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
        <ErrorMessage error={error} onReload={onReload} />
        {data && !loading && !error ? <p role="status">{t('meetings.edit.saved')}</p> : null}
        <div>
          <button type="submit" disabled={loading}>
            {t('meetings.edit.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
