import { Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from '../auth/auth';
import { ActionItemsPage } from '../pages/action-items/ActionItemsPage';
import { MeetingsPage } from '../pages/meetings/MeetingsPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { NotificationsPage } from '../pages/notifications/NotificationsPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { DraftStatementPage } from '../pages/statements/DraftStatementPage';
import { StatementPage } from '../pages/statements/StatementPage';
import { StatementsPage } from '../pages/statements/StatementsPage';
import { Layout } from './Layout';
import { MeProvider } from './me';
import { PublicLayout } from './PublicLayout';

/** The routes. A new page: a folder under pages/, one <Route> here, one link in Layout's nav if it is a section. */
export function App() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="*" element={<SignedInOrNot />} />
      </Routes>
    </AuthProvider>
  );
}

function SignedInOrNot() {
  const { signedIn } = useAuth();
  if (!signedIn) {
    return (
      <PublicLayout>
        <Routes>
          <Route path="*" element={<SignInPage />} />
        </Routes>
      </PublicLayout>
    );
  }
  return (
    <MeProvider>
      <Layout>
        <Routes>
          <Route path="/" element={<Navigate to="/action-items" replace />} />
          <Route path="/action-items" element={<ActionItemsPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/statements" element={<StatementsPage />} />
          <Route path="/statements/new" element={<DraftStatementPage />} />
          <Route path="/statements/:id" element={<StatementPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </MeProvider>
  );
}
