import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { CirculationPurpose, StatementDetailFragment } from '../../gql/graphql';
import { StatementDocument } from './statement';
import { utcToZonedInput, zonedToUtc } from '../../format/zoned-time';

const CirculateStatementDocument = graphql(`
  mutation CirculateStatement($input: CirculateStatementInput!) {
    circulateStatement(input: $input) {
      id
      statement {
        ...StatementDetail
      }
    }
  }
`);

const CirculationMembersDocument = graphql(`
  query CirculationMembers($bodyId: ID!) {
    body(id: $bodyId) {
      id
      members {
        id
        name
      }
    }
  }
`);

/** The silence procedure has its own form (launchSilenceProcedure); a circulation is for comments or information. */
const PURPOSES: CirculationPurpose[] = ['COMMENTS', 'INFORMATION'];
const WEEK = 7 * 24 * 3600 * 1000;

/** Circulates the current version: the body's members all checked, for comments, a deadline a week ahead in the user's zone. */
export function CirculateForm({ s, versionId, onDone }: { s: StatementDetailFragment; versionId: string; onDone: () => void }) {
  const members = useQuery(CirculationMembersDocument, { variables: { bodyId: s.body.id } });
  if (!members.data) return <ErrorMessage error={members.error} />;
  return <CirculationFields s={s} versionId={versionId} onDone={onDone} members={members.data.body.members} />;
}

interface FieldsProps {
  s: StatementDetailFragment;
  versionId: string;
  onDone: () => void;
  members: { id: string; name: string }[];
}

function CirculationFields({ s, versionId, onDone, members }: FieldsProps) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(members.map((d) => d.id)));
  const [purpose, setPurpose] = useState<CirculationPurpose>('COMMENTS');
  const [deadline, setDeadline] = useState(() => utcToZonedInput(new Date(Date.now() + WEEK).toISOString(), timeZone));
  const [circulate, circulating] = useMutation(CirculateStatementDocument);
  const toggle = (id: string, on: boolean) =>
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      statementId: s.id,
      versionId,
      purpose,
      delegationIds: [...chosen],
      deadline: deadline ? zonedToUtc(deadline, timeZone) : null,
    };
    const result = await circulate({ variables: { input } }).catch(() => null);
    if (result?.data) onDone();
  };

  return (
    <form className="form" aria-labelledby="circ-head" onSubmit={(e) => void onSubmit(e)}>
      <h2 id="circ-head">{t('statements.circulate.title')}</h2>
      <fieldset className="field">
        <legend>{t('statements.circulate.recipients')}</legend>
        <ul className="checks">
          {members.map((d) => (
            <li key={d.id}>
              <input type="checkbox" id={`circ-${d.id}`} checked={chosen.has(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
              <label htmlFor={`circ-${d.id}`}>{d.name}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field">
        <label htmlFor="circ-purpose">{t('statements.circulate.purpose')}</label>
        <select id="circ-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as CirculationPurpose)}>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`statements.purpose.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="circ-deadline">{t('statements.circulate.deadline', { zone: timeZone })}</label>
        <input id="circ-deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </div>
      <ErrorMessage error={circulating.error} onReload={() => void circulating.client.refetchQueries({ include: [StatementDocument] })} />
      <p>
        <button type="submit" className="primary" disabled={circulating.loading || chosen.size === 0}>
          {t('statements.circulate.send')}
        </button>{' '}
        <button type="button" onClick={onDone}>
          {t('statements.cancel')}
        </button>
      </p>
    </form>
  );
}
