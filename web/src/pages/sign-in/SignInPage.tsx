import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
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

const SignInOptionsDocument = graphql(`
  query SignInOptions {
    signInOptions {
      singleSignOn {
        label
        loginPath
      }
    }
  }
`);

const SignInWithCodeDocument = graphql(`
  mutation SignInWithCode($input: SignInWithCodeInput!) {
    signInWithCode(input: $input) {
      accessToken
    }
  }
`);

/** The reasons the API gives for a refused single sign-on (src/auth/oidc/oidc-refusal.ts). */
const REFUSALS = ['state', 'provider', 'code', 'token', 'email_unverified', 'unknown_email', 'disabled', 'unavailable'];

/** What single sign-on's landing brought (`/sign-in/sso#code=…` or `#error=…`), read once on arrival. */
function ssoLanding(): { code: string | null; error: string | null } | null {
  if (window.location.pathname !== '/sign-in/sso') return null;
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { code: params.get('code'), error: params.get('error') };
}

/** `/` while signed out (and any other address: after signing in, the page asked for is shown). */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { signedInWith, expired } = useAuth();
  const [login, { loading, error }] = useMutation(LoginDocument);
  const { data: options } = useQuery(SignInOptionsDocument);
  const [exchange, exchanged] = useMutation(SignInWithCodeDocument);
  const [landing] = useState(ssoLanding);
  const exchanging = useRef(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const ids = { email: useId(), password: useId() };

  // Single sign-on came back: the one-time code leaves the address bar (and history) at once, and is
  // traded for the access token; a refusal's reason stays on this page.
  useEffect(() => {
    if (!landing) return;
    void navigate('/', { replace: true });
    if (!landing.code || exchanging.current) return;
    exchanging.current = true; // once, although StrictMode runs effects twice in development
    exchange({ variables: { input: { code: landing.code } } }).then(
      (result) => {
        const token = result.data?.signInWithCode.accessToken;
        if (token) signedInWith(token);
      },
      () => undefined,
    );
  }, [landing, navigate, exchange, signedInWith]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await login({ variables: { input: { email, password } } }).catch(() => null);
    const token = result?.data?.login.accessToken;
    if (token) signedInWith(token);
  };
  const sso = options?.signInOptions.singleSignOn;
  const refusal = landing?.error ? (REFUSALS.includes(landing.error) ? landing.error : 'unavailable') : null;
  return (
    <Page title={t('signIn.title')}>
      {refusal ? (
        <div role="alert" className="error">
          <p>{t(`signIn.sso.refused.${refusal}`)}</p>
        </div>
      ) : null}
      {exchanged.error ? (
        <div role="alert" className="error">
          <p>{t('signIn.sso.exchangeFailed')}</p>
        </div>
      ) : null}
      {exchanged.loading ? (
        <p role="status" className="notice">
          {t('signIn.sso.signingIn')}
        </p>
      ) : null}
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
      {sso ? (
        <div className="sso">
          <p>{t('signIn.sso.or')}</p>
          {/* A full navigation, not a fetch: the provider's pages take over the window. */}
          <a className="button" href={sso.loginPath}>
            {sso.label}
          </a>
        </div>
      ) : null}
    </Page>
  );
}
