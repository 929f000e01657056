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

type Participant = MeetingDetail['participants'][number];

/**
 * Once the meeting is in session: which invited delegations were there and, for each, which of its
 * accredited people (the API marks the others absent). A person ticked brings their delegation along.
 */
export function AttendanceForm({ meeting, onReload }: { meeting: MeetingDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [record, { loading, error, data }] = useMutation(RecordAttendanceDocument);
  const [present, setPresent] = useState<Set<string>>(() => new Set(meeting.participants.filter((p) => p.attended).map((p) => p.delegation.id)));
  const [people, setPeople] = useState<Set<string>>(
    () => new Set(meeting.participants.flatMap((p) => p.accredited.filter((a) => a.attended).map((a) => a.id))),
  );
  if (meeting.participants.length === 0) return null;
  const flip = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const toggleDelegation = (p: Participant, on: boolean) => {
    setPresent((s) => flip(s, p.delegation.id, on));
    // A delegation marked absent has nobody present; marked present, all its accredited people at first.
    setPeople((s) => p.accredited.reduce((acc, a) => flip(acc, a.id, on), s));
  };
  const togglePerson = (p: Participant, accreditationId: string, on: boolean) => {
    setPeople((s) => flip(s, accreditationId, on));
    if (on) setPresent((s) => flip(s, p.delegation.id, true));
  };
  const submit = () =>
    void record({
      variables: {
        input: {
          meetingId: meeting.id,
          attendance: meeting.participants.map((p) => ({
            delegationId: p.delegation.id,
            attended: present.has(p.delegation.id),
            presentUserIds: present.has(p.delegation.id) ? p.accredited.filter((a) => people.has(a.id)).map((a) => a.user.id) : [],
          })),
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
          <div key={p.id}>
            <label className="check">
              <input type="checkbox" checked={present.has(p.delegation.id)} onChange={(e) => toggleDelegation(p, e.target.checked)} /> {p.delegation.name}
            </label>
            {p.accredited.length > 0 ? (
              <fieldset className="people">
                <legend>{t('meetings.attendance.people', { delegation: p.delegation.name })}</legend>
                {p.accredited.map((a) => (
                  <label key={a.id} className="check">
                    <input type="checkbox" checked={people.has(a.id)} onChange={(e) => togglePerson(p, a.id, e.target.checked)} /> {a.user.name}
                  </label>
                ))}
              </fieldset>
            ) : null}
          </div>
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
