/** The screens by address; each is its own chunk, loaded when first opened. */
import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppLayout } from '../components/AppLayout.tsx';
import { NotFoundPage } from '../components/States.tsx';
import { useSession } from '../features/session/session.tsx';

const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx'));
const OrganizationTreePage = lazy(
  () => import('../features/organizations/OrganizationTreePage.tsx'),
);
const PeoplePage = lazy(() => import('../features/people/PeoplePage.tsx'));
const PersonPage = lazy(() => import('../features/people/PersonPage.tsx'));
const MembersPage = lazy(() => import('../features/members/MembersPage.tsx'));
const PipelinePage = lazy(() => import('../features/pipeline/PipelinePage.tsx'));
const DossierPage = lazy(() => import('../features/pipeline/DossierPage.tsx'));
const CoursesPage = lazy(() => import('../features/courses/CoursesPage.tsx'));
const TodoPage = lazy(() => import('../features/todo/TodoPage.tsx'));
const AlertsPage = lazy(() => import('../features/todo/AlertsPage.tsx'));
const PlansPage = lazy(() => import('../features/plans/PlansPage.tsx'));
const ResolutionsPage = lazy(() => import('../features/plans/ResolutionsPage.tsx'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage.tsx'));
const ImportPage = lazy(() => import('../features/imports/ImportPage.tsx'));
const SignInPage = lazy(() => import('../features/session/SignInPage.tsx'));
const FirstRunPage = lazy(() => import('../features/setup/FirstRunPage.tsx'));
const UsersPage = lazy(() => import('../features/users/UsersPage.tsx'));
const ChangePasswordPage = lazy(() => import('../features/users/ChangePasswordPage.tsx'));
const RegulationsPage = lazy(() => import('../features/regulations/RegulationsPage.tsx'));

/** Every screen of the app, or the sign-in page while signed out (the first-run one on an empty installation). */
export function AppRoutes() {
  const { session, can } = useSession();
  if (session.status === 'firstRun') return <FirstRunPage />;
  if (session.status === 'signedOut') return <SignInPage />;
  if (session.status === 'signedIn' && session.user.mustChangePassword)
    return <ChangePasswordPage />;
  return (
    <AppLayout>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/organizations" element={<OrganizationTreePage />} />
        <Route path="/people" element={<PeoplePage />} />
        <Route path="/people/:id" element={<PersonPage />} />
        <Route path="/members" element={<MembersPage />} />
        <Route path="/pipeline" element={<PipelinePage />} />
        <Route path="/candidates/:id" element={<DossierPage />} />
        <Route path="/todo" element={<TodoPage />} />
        <Route path="/alerts" element={<AlertsPage />} />
        <Route path="/courses" element={<CoursesPage />} />
        <Route path="/courses/:id" element={<CoursesPage />} />
        <Route path="/plans" element={<PlansPage />} />
        <Route path="/resolutions" element={<ResolutionsPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/reports/:name" element={<ReportsPage />} />
        <Route path="/import" element={<ImportPage />} />
        <Route path="/regulations" element={<RegulationsPage />} />
        {can('manageUsers') && <Route path="/users" element={<UsersPage />} />}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
