import { Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from '../auth/auth';
import { ActionItemsPage } from '../pages/action-items/ActionItemsPage';
import { MeetingPage } from '../pages/meetings/MeetingPage';
import { MeetingsPage } from '../pages/meetings/MeetingsPage';
import { ScheduleMeetingPage } from '../pages/meetings/ScheduleMeetingPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { NotificationsPage } from '../pages/notifications/NotificationsPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { ActionItemPage } from '../pages/action-items/ActionItemPage';
import { DashboardPage } from '../pages/action-items/DashboardPage';
import { DraftStatementPage } from '../pages/statements/DraftStatementPage';
import { StatementRoute } from '../pages/statements/StatementRoute';
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
          <Route path="/statements/:key" element={<StatementRoute signedOut={<SignInPage />} />} />
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
          <Route path="/action-items/dashboard" element={<DashboardPage />} />
          <Route path="/action-items/:id" element={<ActionItemPage />} />
          <Route path="/meetings" element={<MeetingsPage />} />
          <Route path="/meetings/new" element={<ScheduleMeetingPage />} />
          <Route path="/meetings/:id" element={<MeetingPage />} />
          <Route path="/statements" element={<StatementsPage />} />
          <Route path="/statements/new" element={<DraftStatementPage />} />
          <Route path="/statements/:key" element={<StatementRoute />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </MeProvider>
  );
}
