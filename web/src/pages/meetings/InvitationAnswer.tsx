import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { Rsvp } from '../../gql/graphql';
import type { MeetingDetail } from './MeetingPage';
import { isUpcoming } from './roles';

const DelegationPeopleDocument = graphql(`
  query DelegationPeople($id: ID!) {
    delegation(id: $id) {
      id
      members {
        id
        user {
          id
          name
        }
      }
    }
  }
`);

const RespondDocument = graphql(`
  mutation RespondToInvitation($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) {
      id
      rsvp
      respondedAt
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

type Participant = MeetingDetail['participants'][number];

/** A delegate answers the invitation for their delegation: accept (accrediting some of its people) or decline. */
export function InvitationAnswer({ meeting, participant, onReload }: { meeting: MeetingDetail; participant: Participant; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const headingId = useId();
  const people = useQuery(DelegationPeopleDocument, { variables: { id: participant.delegation.id } });
  const [respond, { loading, error }] = useMutation(RespondDocument);
  const initial = participant.accredited.length ? participant.accredited.map((a) => a.user.id) : me ? [me.id] : [];
  // Null until the user ticks a box: the default follows `me` and the stored list, which may load after this renders.
  const [picked, setPicked] = useState<string[] | null>(null);
  const accredited = picked ?? initial;
  const members = people.data?.delegation.members ?? [];
  const open = isUpcoming(meeting.status);
  const answer = (rsvp: Rsvp) =>
    void respond({
      variables: {
        input: { meetingId: meeting.id, delegationId: participant.delegation.id, rsvp, accreditedUserIds: rsvp === 'DECLINED' ? [] : accredited },
      },
    }).catch(() => undefined);
  const toggle = (userId: string, on: boolean) => setPicked(on ? [...accredited, userId] : accredited.filter((i) => i !== userId));
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{t('meetings.invitation.title', { delegation: participant.delegation.name })}</h2>
      <p aria-live="polite">
        {t('meetings.invitation.current')}: <strong>{t(`meetings.rsvp.${participant.rsvp}`)}</strong>
        {participant.respondedAt ? <> ({format.dateTime(participant.respondedAt)})</> : null}
      </p>
      {open ? (
        <>
          {members.length > 0 ? (
            <fieldset>
              <legend>{t('meetings.invitation.accredit')}</legend>
              {members.map((mb) => (
                <label key={mb.id} className="check">
                  <input type="checkbox" checked={accredited.includes(mb.user.id)} onChange={(e) => toggle(mb.user.id, e.target.checked)} /> {mb.user.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <ErrorMessage error={people.error} />
          <div className="actions">
            <button type="button" className="primary" disabled={loading} onClick={() => answer('ACCEPTED')}>
              {t('meetings.invitation.accept')}
            </button>
            <button type="button" disabled={loading} onClick={() => answer('TENTATIVE')}>
              {t('meetings.invitation.tentative')}
            </button>
            <button type="button" disabled={loading} onClick={() => answer('DECLINED')}>
              {t('meetings.invitation.decline')}
            </button>
          </div>
          <ErrorMessage error={error} onReload={onReload} overrides={{ FORBIDDEN: 'meetings.invitation.forbidden' }} />
        </>
      ) : (
        <p>{t('meetings.invitation.closed')}</p>
      )}
    </section>
  );
}
