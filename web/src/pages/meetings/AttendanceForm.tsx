import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingDetail } from './MeetingPage';

const RecordAttendanceDocument = graphql(`
  mutation RecordAttendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      id
      attended
      accredited {
        id
        attended
      }
    }
  }
`);

/** Once the meeting is in session: which invited delegations were there (their accredited people with them). */
export function AttendanceForm({ meeting, onReload }: { meeting: MeetingDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [record, { loading, error, data }] = useMutation(RecordAttendanceDocument);
  const [present, setPresent] = useState<Set<string>>(() => new Set(meeting.participants.filter((p) => p.attended).map((p) => p.delegation.id)));
  if (meeting.participants.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    setPresent((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const submit = () =>
    void record({
      variables: {
        input: {
          meetingId: meeting.id,
          attendance: meeting.participants.map((p) => ({ delegationId: p.delegation.id, attended: present.has(p.delegation.id) })),
        },
      },
    }).catch(() => undefined);
  return (
    <form
      className="form"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id={headingId}>{t('meetings.attendance.title')}</h3>
      <fieldset>
        <legend>{t('meetings.attendance.present')}</legend>
        {meeting.participants.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" checked={present.has(p.delegation.id)} onChange={(e) => toggle(p.delegation.id, e.target.checked)} /> {p.delegation.name}
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" disabled={loading}>
          {t('meetings.attendance.submit')}
        </button>
      </div>
      {data && !loading ? <p role="status">{t('meetings.attendance.saved')}</p> : null}
      <ErrorMessage error={error} onReload={onReload} />
    </form>
  );
}
