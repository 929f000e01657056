import { ApolloProvider } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApollo } from '../app/apollo';
import { loadToken, saveToken } from './session';

interface Auth {
  signedIn: boolean;
  /** Keeps the token of a successful `login`. */
  signedInWith: (token: string) => void;
  /** Forgets the token (after `signOut`, or when the API refuses it). */
  forget: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the token and the Apollo Client made for it; everything below can query as the signed-in user. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(loadToken);
  const forget = useCallback(() => {
    saveToken(null);
    setToken(null);
  }, []);
  const signedInWith = useCallback((next: string) => {
    saveToken(next);
    setToken(next);
  }, []);
  const apollo = useMemo(() => createApollo(token, forget), [token, forget]);
  useEffect(() => () => apollo.dispose(), [apollo]);
  const auth = useMemo<Auth>(() => ({ signedIn: token !== null, signedInWith, forget }), [token, signedInWith, forget]);
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
