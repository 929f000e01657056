import { useTranslation } from 'react-i18next';
import { errorCodeOf, firstGraphQLError, type KnownCode } from './error-code';

interface Props {
  error: unknown;
  /** Offered when the API answers CONFLICT (someone changed the thing since it was loaded). */
  onReload?: () => void;
  /** Page-specific wording for some codes (catalogue keys), e.g. a failed sign-in's UNAUTHENTICATED. */
  overrides?: Partial<Record<KnownCode, string>>;
}

/**
 * The one way to show an API error: where it happened (put it next to the form or list that
 * failed), in the user's language, chosen by `extensions.code`; role="alert" so it is announced.
 */
export function ErrorMessage({ error, onReload, overrides }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCodeOf(error);
  const detail = firstGraphQLError(error)?.message ?? '';
  const key = overrides?.[code] ?? `errors.${code}`;
  return (
    <div role="alert" className="error">
      <p>{t(key, { detail })}</p>
      {code === 'CONFLICT' && onReload ? (
        <button type="button" onClick={onReload}>
          {t('errors.reload')}
        </button>
      ) : null}
    </div>
  );
}
