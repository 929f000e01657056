import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import { Page } from '../../ui/Page';

const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
    }
  }
`);

/** `/` while signed out (and any other address: after signing in, the page asked for is shown). */
export function SignInPage() {
  const { t } = useTranslation();
  const { signedInWith, expired } = useAuth();
  const [login, { loading, error }] = useMutation(LoginDocument);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const ids = { email: useId(), password: useId() };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ variables: { input: { email, password } } }).catch(() => null);
    const token = result?.data?.login.accessToken;
    if (token) signedInWith(token);
  };
  return (
    <Page title={t('signIn.title')}>
      <form className="form narrow" onSubmit={(e) => void submit(e)} noValidate>
        {expired && !error ? (
          <p role="status" className="notice">
            {t('errors.UNAUTHENTICATED')}
          </p>
        ) : null}
        <ErrorMessage error={error} overrides={{ UNAUTHENTICATED: 'signIn.failed' }} />
        <div className="field">
          <label htmlFor={ids.email}>{t('signIn.email')}</label>
          <input id={ids.email} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input id={ids.password} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={loading}>
          {t('signIn.submit')}
        </button>
      </form>
    </Page>
  );
}
