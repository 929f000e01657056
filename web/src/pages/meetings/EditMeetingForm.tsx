import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingDetail } from './MeetingPage';
import { utcToZonedInput, zonedToUtc } from '../../format/zoned-time';
import { MeetingFields, type MeetingFieldValues } from './MeetingFields';

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
  const [update, { loading, error, data }] = useMutation(UpdateMeetingDocument);
  const [values, setValues] = useState<MeetingFieldValues>(() => ({
    title: meeting.title,
    starts: utcToZonedInput(meeting.startsAt, meeting.timezone),
    ends: utcToZonedInput(meeting.endsAt, meeting.timezone),
    timezone: meeting.timezone,
    location: meeting.location ?? '',
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { title, timezone, location } = values;
    const startsAt = zonedToUtc(values.starts, timezone);
    const endsAt = zonedToUtc(values.ends, timezone);
    if (!startsAt || !endsAt) return;
    const input = { meetingId: meeting.id, version: meeting.version, title, startsAt, endsAt, timezone, location };
    void update({ variables: { input } }).catch(() => undefined);
  };
  return (
    <details>
      <summary>{t('meetings.edit.title')}</summary>
      <form className="form narrow" onSubmit={submit}>
        <MeetingFields values={values} onChange={setValues} />
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
