import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingStatus } from '../../gql/graphql';
import type { MeetingDetail } from './MeetingPage';
import { MEETING_TRANSITIONS } from './roles';

const SetMeetingStatusDocument = graphql(`
  mutation SetMeetingStatus($input: SetMeetingStatusInput!) {
    setMeetingStatus(input: $input) {
      id
      status
      version
    }
  }
`);

/** The organizer moves the meeting through its lifecycle: one button per transition the API allows from here. */
export function StatusActions({ meeting, onReload }: { meeting: MeetingDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const [setStatus, { loading, error }] = useMutation(SetMeetingStatusDocument);
  const next = MEETING_TRANSITIONS[meeting.status] ?? [];
  if (next.length === 0) return null;
  return (
    <section aria-labelledby="meeting-status">
      <h2 id="meeting-status">{t('meetings.changeStatus')}</h2>
      <div className="actions">
        {next.map((status) => (
          <button
            key={status}
            type="button"
            disabled={loading}
            onClick={() =>
              void setStatus({ variables: { input: { meetingId: meeting.id, status: status as MeetingStatus, version: meeting.version } } }).catch(
                () => undefined,
              )
            }
          >
            {t(`meetings.transition.${status}`)}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} onReload={onReload} />
    </section>
  );
}
