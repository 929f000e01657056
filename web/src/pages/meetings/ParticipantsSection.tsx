import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { MeetingDetail } from './MeetingPage';
import { AttendanceForm } from './AttendanceForm';
import { isEditable } from './roles';

const InviteDelegationsDocument = graphql(`
  mutation InviteDelegations($input: InviteDelegationsInput!) {
    inviteDelegations(input: $input) {
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
`);

/** Who is invited and what they answered; the organizer invites more of the body's delegations. */
export function ParticipantsSection({ meeting, organizer, onReload }: { meeting: MeetingDetail; organizer: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('meetings.participants.title')}</h2>
      {meeting.participants.length === 0 ? <p>{t('meetings.participants.none')}</p> : null}
      {meeting.participants.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{t('meetings.participants.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.participants.delegation')}</th>
              <th scope="col">{t('meetings.participants.answer')}</th>
              <th scope="col">{t('meetings.participants.accredited')}</th>
              <th scope="col">{t('meetings.participants.attended')}</th>
            </tr>
          </thead>
          <tbody>
            {meeting.participants.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.delegation.name}</th>
                <td>{t(`meetings.rsvp.${p.rsvp}`)}</td>
                <td>
                  {p.accredited
                    .map((a) =>
                      a.attended === null || a.attended === undefined
                        ? a.user.name
                        : t(a.attended ? 'meetings.participants.personPresent' : 'meetings.participants.personAbsent', { name: a.user.name }),
                    )
                    .join(', ') || '–'}
                </td>
                <td>{p.attended === null || p.attended === undefined ? '–' : p.attended ? t('meetings.participants.yes') : t('meetings.participants.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {organizer && isEditable(meeting.status) ? <InviteForm meeting={meeting} onReload={onReload} /> : null}
      {organizer && (meeting.status === 'IN_SESSION' || meeting.status === 'CONCLUDED') ? <AttendanceForm meeting={meeting} onReload={onReload} /> : null}
    </section>
  );
}

function InviteForm({ meeting, onReload }: { meeting: MeetingDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const [invite, { loading, error }] = useMutation(InviteDelegationsDocument);
  const [chosen, setChosen] = useState<string[]>([]);
  const invited = new Set(meeting.participants.map((p) => p.delegation.id));
  const candidates = meeting.body.members.filter((d) => !invited.has(d.id));
  if (candidates.length === 0) return null;
  const submit = () =>
    void invite({
      variables: { input: { meetingId: meeting.id, delegationIds: chosen } },
      refetchQueries: ['Meeting'],
      awaitRefetchQueries: true,
    })
      .then(() => setChosen([]))
      .catch(() => undefined);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset>
        <legend>{t('meetings.participants.invite')}</legend>
        {candidates.map((d) => (
          <label key={d.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(d.id)}
              onChange={(e) => setChosen((ids) => (e.target.checked ? [...ids, d.id] : ids.filter((i) => i !== d.id)))}
            />{' '}
            {d.name}
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" disabled={loading || chosen.length === 0}>
          {t('meetings.participants.inviteSubmit')}
        </button>
      </div>
      <ErrorMessage error={error} onReload={onReload} />
    </form>
  );
}
