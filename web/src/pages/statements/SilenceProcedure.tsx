import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { utcToZonedInput, zonedToUtc } from '../../format/zoned-time';
import { graphql } from '../../gql';
import type { StatementDetailFragment } from '../../gql/graphql';
import { StatementDocument } from './statement';
import { useIsClerk } from './StatementsPage';

const LaunchSilenceDocument = graphql(`
  mutation LaunchSilenceProcedure($input: LaunchSilenceProcedureInput!) {
    launchSilenceProcedure(input: $input) {
      ...StatementDetail
    }
  }
`);

/** Silence usually runs a few days: three ahead by default, in the user's zone. */
const DEFAULT_SILENCE = 3 * 24 * 3600 * 1000;

/**
 * The silence procedure: its state as it happens (running until its deadline, broken by an
 * objection, concluded by adoption at the deadline), live through the page's subscription; for
 * clerks, the form that launches it on the current version.
 */
export function SilenceProcedure({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const clerk = useIsClerk();
  const [launching, setLaunching] = useState(false);
  const sp = s.silenceProcedure;
  const v = s.currentVersion;
  const canLaunch = clerk && v !== null && (s.status === 'DRAFTING' || s.status === 'CIRCULATED');
  if (!sp && !canLaunch) return null;
  return (
    <section aria-labelledby="st-silence">
      <h2 id="st-silence">{t('statements.silence.title')}</h2>
      {sp ? <SilenceState sp={sp} /> : <p>{t('statements.silence.none')}</p>}
      {canLaunch && !launching ? (
        <button type="button" className="primary" onClick={() => setLaunching(true)}>
          {t('statements.silence.launch')}
        </button>
      ) : null}
      {canLaunch && launching && v ? <LaunchForm s={s} versionId={v.id} onDone={() => setLaunching(false)} /> : null}
    </section>
  );
}

function SilenceState({ sp }: { sp: NonNullable<StatementDetailFragment['silenceProcedure']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = (iso: string) => <time dateTime={iso}>{format.dateTime(iso)}</time>;
  if (sp.status === 'OPEN') {
    return (
      <div className="status-box" role="status">
        <p>
          {t('statements.silence.open', { label: sp.version.label })} {when(sp.deadline)}.
        </p>
        <p className="meta">{t('statements.silence.openHint')}</p>
      </div>
    );
  }
  if (sp.status === 'BROKEN') {
    const o = sp.objection;
    return (
      <div className="status-box broken" role="status">
        <p>
          {o ? t('statements.silence.brokenBy', { delegation: o.delegation.name }) : t('statements.silence.broken')}{' '}
          {when(o?.recordedAt ?? sp.endedAt ?? sp.deadline)}
        </p>
        {o ? <blockquote>{o.reason}</blockquote> : null}
      </div>
    );
  }
  return (
    <div className="status-box" role="status">
      <p>
        {t(`statements.silence.${sp.status === 'CONCLUDED' ? 'concluded' : 'withdrawn'}`, { label: sp.version.label })} {when(sp.endedAt ?? sp.deadline)}
      </p>
    </div>
  );
}

function LaunchForm({ s, versionId, onDone }: { s: StatementDetailFragment; versionId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const [deadline, setDeadline] = useState(() => utcToZonedInput(new Date(Date.now() + DEFAULT_SILENCE).toISOString(), timeZone));
  const [launch, launching] = useMutation(LaunchSilenceDocument);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const at = zonedToUtc(deadline, timeZone);
    if (!at) return;
    const done = await launch({ variables: { input: { statementId: s.id, versionId, deadline: at } } }).catch(() => null);
    if (done?.data) onDone();
  };
  return (
    <form className="form" aria-labelledby="silence-head" onSubmit={(e) => void onSubmit(e)}>
      <h3 id="silence-head">{t('statements.silence.formTitle', { label: s.currentVersion?.label })}</h3>
      <p className="meta">{t('statements.silence.formHint')}</p>
      <div className="field">
        <label htmlFor="silence-deadline">{t('statements.silence.deadline', { zone: timeZone })}</label>
        <input id="silence-deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
      </div>
      <ErrorMessage
        error={launching.error}
        action={t('statements.silence.launchAction')}
        onReload={() => void launching.client.refetchQueries({ include: [StatementDocument] })}
      />
      <p className="buttons">
        <button type="submit" className="primary" disabled={launching.loading}>
          {t('statements.silence.submit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('statements.cancel')}
        </button>
      </p>
    </form>
  );
}
