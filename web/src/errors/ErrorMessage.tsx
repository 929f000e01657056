import { useTranslation } from 'react-i18next';
import { conflictKindOf, errorCodeOf, firstGraphQLError, type KnownCode } from './error-code';

interface Props {
  error: unknown;
  /** Offered when the API answers CONFLICT (someone changed the thing since it was loaded). */
  onReload?: () => void;
  /** Page-specific wording for some codes (catalogue keys), e.g. a failed sign-in's UNAUTHENTICATED. */
  overrides?: Partial<Record<KnownCode, string>>;
  /**
   * What the user tried, as a translated phrase completing "You may not …" (e.g. t('statements.silence.action')):
   * FORBIDDEN and NOT_FOUND then say what the user may not do.
   */
  action?: string;
}

/**
 * The one way to show an API error: where it happened (put it next to the form or list that
 * failed), in the user's language, chosen by `extensions.code`; role="alert" so it is announced.
 * A CONFLICT is told apart by its details: a stale version (someone revised the text meanwhile) or
 * a state that moved on (e.g. silence broken meanwhile) — both offer to reload.
 */
export function ErrorMessage({ error, onReload, overrides, action }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCodeOf(error);
  const detail = firstGraphQLError(error)?.message ?? '';
  let key = overrides?.[code] ?? `errors.${code}`;
  if (!overrides?.[code] && action && (code === 'FORBIDDEN' || code === 'NOT_FOUND')) key = `errors.${code}_action`;
  if (!overrides?.[code] && code === 'CONFLICT') {
    const kind = conflictKindOf(error);
    if (kind) key = `errors.CONFLICT_${kind}`;
  }
  return (
    <div role="alert" className="error">
      <p>{t(key, { detail, action })}</p>
      {code === 'CONFLICT' && onReload ? (
        <button type="button" onClick={onReload}>
          {t('errors.reload')}
        </button>
      ) : null}
    </div>
  );
}
