import { ApolloProvider } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApollo } from '../app/apollo';
import { loadToken, saveToken } from './session';

interface Auth {
  signedIn: boolean;
  /** The API refused the kept token (expired, or signed out elsewhere): the sign-in page says so. */
  expired: boolean;
  /** Keeps the token of a successful `login`. */
  signedInWith: (token: string) => void;
  /** Forgets the token (after `signOut`, or when the API refuses it). */
  forget: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the token and the Apollo Client made for it; everything below can query as the signed-in user. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(loadToken);
  const [expired, setExpired] = useState(false);
  const forget = useCallback(() => {
    saveToken(null);
    setToken(null);
  }, []);
  const expire = useCallback(() => {
    setExpired(true);
    forget();
  }, [forget]);
  const signedInWith = useCallback((next: string) => {
    saveToken(next);
    setExpired(false);
    setToken(next);
  }, []);
  const apollo = useMemo(() => createApollo(token, expire), [token, expire]);
  // The previous session's client (and its socket) goes when a new token brings a new one. Not in an
  // effect cleanup: React's StrictMode runs those twice in development and would close the live one.
  const previous = useRef(apollo);
  useEffect(() => {
    if (previous.current !== apollo) previous.current.dispose();
    previous.current = apollo;
  }, [apollo]);
  const auth = useMemo<Auth>(() => ({ signedIn: token !== null, expired, signedInWith, forget }), [token, expired, signedInWith, forget]);
  return (
    <AuthContext.Provider value={auth}>
      <ApolloProvider client={apollo.client}>{children}</ApolloProvider>
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
