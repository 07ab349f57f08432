import AssignmentIcon from '@mui/icons-material/Assignment';
import AutoDeleteIcon from '@mui/icons-material/AutoDelete';
import ContactPageIcon from '@mui/icons-material/ContactPage';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GavelIcon from '@mui/icons-material/Gavel';
import KeyIcon from '@mui/icons-material/Key';
import OutboxIcon from '@mui/icons-material/Outbox';
import PeopleIcon from '@mui/icons-material/People';
import RuleIcon from '@mui/icons-material/Rule';
import ShareIcon from '@mui/icons-material/Share';
import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import ReportIcon from '@mui/icons-material/Report';
import VoiceOverOffIcon from '@mui/icons-material/VoiceOverOff';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Admin, CustomRoutes, Loading, Resource } from 'react-admin';
import { Route } from 'react-router-dom';

import { authProvider } from './auth/authProvider';
// Not lazy: while its code would download, react-admin keeps the signed-out app on screen, which
// logs out, clears its queries and asks checkAuth again, round and round until the chunk arrives.
import { LoginPage } from './auth/LoginPage';
import { AccessGate, requireAccess } from './auth/RequireAccess';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { registerFirstScreen } from './first-screen';
import { AppLayout } from './layout/AppLayout';
import { queryClient } from './query-client';
import { theme } from './theme';

/**
 * React.lazy for a named export, so each screen lands in its own chunk. `opensAt` is the
 * firstScreenKey of the address that shows this screen (a list's resource, "" for home): a page
 * load there starts downloading the chunk at once (see first-screen.ts).
 */
function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
  opensAt?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): ComponentType<any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let loaded: ComponentType<any> | undefined;
  const loadScreen = () =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    load().then((module) => (loaded = module[name] as ComponentType<any>));
  if (opensAt !== undefined) registerFirstScreen(opensAt, loadScreen);
  return lazy(() =>
    loaded
      ? alreadyLoaded({ default: loaded })
      : loadScreen().then((component) => ({ default: component })),
  );
}

/**
 * A thenable that calls back at once. React.lazy renders a screen whose code the first-screen
 * preload already has without suspending; given a Promise, even a settled one, it suspends, and
 * React 19 then holds the screen back until 300 ms after the fallback showed.
 */
function alreadyLoaded<T>(value: T): Promise<T> {
  const thenable = { then: (resolve: (value: T) => unknown) => resolve(value) };
  return thenable as unknown as Promise<T>;
}

const HomePage = lazyNamed(() => import('./home/HomePage'), 'HomePage', '');
const MfaEnrolPage = lazyNamed(() => import('./auth/MfaEnrolPage'), 'MfaEnrolPage');
const PasswordChangePage = lazyNamed(
  () => import('./auth/PasswordChangePage'),
  'PasswordChangePage',
);
const UserList = lazyNamed(() => import('./users/UserList'), 'UserList', 'users');
const UserCreate = lazyNamed(() => import('./users/UserCreate'), 'UserCreate');
const UserEdit = lazyNamed(() => import('./users/UserEdit'), 'UserEdit');
const AuditList = lazyNamed(() => import('./audit/AuditList'), 'AuditList', 'audit');
const JobList = lazyNamed(() => import('./jobs/JobList'), 'JobList', 'jobs');
const JobShow = lazyNamed(() => import('./jobs/JobShow'), 'JobShow');
const RequestList = lazyNamed(() => import('./requests/RequestList'), 'RequestList', 'requests');
const RequestShow = lazyNamed(() => import('./requests/RequestShow'), 'RequestShow');
const RequestCreate = lazyNamed(() => import('./requests/RequestCreate'), 'RequestCreate');
const SubjectList = lazyNamed(() => import('./subjects/SubjectList'), 'SubjectList', 'subjects');
const SubjectShow = lazyNamed(() => import('./subjects/SubjectShow'), 'SubjectShow');
const SubjectCreate = lazyNamed(() => import('./subjects/SubjectCreate'), 'SubjectCreate');
const SubjectEdit = lazyNamed(() => import('./subjects/SubjectEdit'), 'SubjectEdit');
const OutboxList = lazyNamed(() => import('./outbox/OutboxList'), 'OutboxList', 'outbox');
const OutboxShow = lazyNamed(() => import('./outbox/OutboxShow'), 'OutboxShow');
const DisclosureList = lazyNamed(
  () => import('./disclosures/DisclosureList'),
  'DisclosureList',
  'disclosures',
);
const DisclosureShow = lazyNamed(() => import('./disclosures/DisclosureShow'), 'DisclosureShow');
const DisclosureCreate = lazyNamed(
  () => import('./disclosures/DisclosureCreate'),
  'DisclosureCreate',
);
const DisclosureEdit = lazyNamed(() => import('./disclosures/DisclosureEdit'), 'DisclosureEdit');
const ReviewQueuePage = lazyNamed(
  () => import('./review-queue/ReviewQueuePage'),
  'ReviewQueuePage',
  'review-queue',
);
const LegalProcessList = lazyNamed(
  () => import('./legal-process/LegalProcessList'),
  'LegalProcessList',
  'legal-process',
);
const LegalProcessShow = lazyNamed(
  () => import('./legal-process/LegalProcessShow'),
  'LegalProcessShow',
);
const LegalProcessCreate = lazyNamed(
  () => import('./legal-process/LegalProcessCreate'),
  'LegalProcessCreate',
);
const LegalProcessEdit = lazyNamed(
  () => import('./legal-process/LegalProcessEdit'),
  'LegalProcessEdit',
);
const ApiKeyList = lazyNamed(() => import('./api-keys/ApiKeyList'), 'ApiKeyList', 'api-keys');
const ApiKeyCreate = lazyNamed(() => import('./api-keys/ApiKeyCreate'), 'ApiKeyCreate');
const ViolationList = lazyNamed(
  () => import('./violations/ViolationList'),
  'ViolationList',
  'violations',
);
const ViolationShow = lazyNamed(() => import('./violations/ViolationShow'), 'ViolationShow');
const ViolationCreate = lazyNamed(() => import('./violations/ViolationCreate'), 'ViolationCreate');
const ViolationEdit = lazyNamed(() => import('./violations/ViolationEdit'), 'ViolationEdit');
const SuppressionList = lazyNamed(
  () => import('./suppressions/SuppressionList'),
  'SuppressionList',
  'suppressions',
);
const ScrubPage = lazyNamed(() => import('./suppressions/ScrubPage'), 'ScrubPage');
const RetentionPage = lazyNamed(
  () => import('./retention/RetentionPage'),
  'RetentionPage',
  'retention',
);
const CcpaMetricsPage = lazyNamed(() => import('./reports/CcpaMetricsPage'), 'CcpaMetricsPage');
const TransparencyPage = lazyNamed(() => import('./reports/TransparencyPage'), 'TransparencyPage');
const SlaPage = lazyNamed(() => import('./reports/SlaPage'), 'SlaPage');
const ExportList = lazyNamed(() => import('./exports/ExportList'), 'ExportList', 'exports');

/** Pages outside the layout have no Suspense boundary of their own. */
const Standalone = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>{children}</Suspense>
);

export const App = () => (
  <Admin
    disableTelemetry
    requireAuth
    title="Privacy Desk"
    authProvider={authProvider}
    dataProvider={dataProvider}
    queryClient={queryClient}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={HomePage}
    layout={AppLayout}
    theme={theme}
  >
    <CustomRoutes noLayout>
      <Route
        path="/mfa-enrol"
        element={
          <Standalone>
            <MfaEnrolPage />
          </Standalone>
        }
      />
    </CustomRoutes>
    <CustomRoutes>
      <Route path="/password" element={<PasswordChangePage />} />
      <Route
        path="/reports/ccpa-metrics"
        element={
          <AccessGate resource="reports" action="list" what="the CCPA metrics">
            <CcpaMetricsPage />
          </AccessGate>
        }
      />
      <Route
        path="/reports/transparency"
        element={
          <AccessGate resource="reports" action="list" what="the transparency report">
            <TransparencyPage />
          </AccessGate>
        }
      />
      <Route
        path="/reports/sla"
        element={
          <AccessGate resource="reports" action="list" what="the SLA report">
            <SlaPage />
          </AccessGate>
        }
      />
    </CustomRoutes>
    <Resource
      name="requests"
      options={{ label: 'Requests' }}
      icon={AssignmentIcon}
      recordRepresentation="reference"
      list={requireAccess(RequestList, 'list')}
      show={requireAccess(RequestShow, 'show')}
      create={requireAccess(RequestCreate, 'create')}
    />
    <Resource
      name="subjects"
      options={{ label: 'Subjects' }}
      icon={ContactPageIcon}
      recordRepresentation="name"
      list={requireAccess(SubjectList, 'list')}
      show={requireAccess(SubjectShow, 'show')}
      create={requireAccess(SubjectCreate, 'create')}
      edit={requireAccess(SubjectEdit, 'edit')}
    />
    <Resource
      name="legal-process"
      options={{ label: 'Legal process' }}
      icon={GavelIcon}
      recordRepresentation="reference"
      list={requireAccess(LegalProcessList, 'list')}
      show={requireAccess(LegalProcessShow, 'show')}
      create={requireAccess(LegalProcessCreate, 'create')}
      edit={requireAccess(LegalProcessEdit, 'edit')}
    />
    <Resource
      name="disclosures"
      options={{ label: 'Disclosures' }}
      icon={ShareIcon}
      recordRepresentation="reference"
      list={requireAccess(DisclosureList, 'list')}
      show={requireAccess(DisclosureShow, 'show')}
      create={requireAccess(DisclosureCreate, 'create')}
      edit={requireAccess(DisclosureEdit, 'edit')}
    />
    <Resource
      name="violations"
      options={{ label: 'Violation flags' }}
      icon={ReportIcon}
      recordRepresentation="reference"
      list={requireAccess(ViolationList, 'list')}
      show={requireAccess(ViolationShow, 'show')}
      create={requireAccess(ViolationCreate, 'create')}
      edit={requireAccess(ViolationEdit, 'edit')}
    />
    <Resource
      name="suppressions"
      options={{ label: 'Suppression list' }}
      icon={VoiceOverOffIcon}
      recordRepresentation="value"
      list={requireAccess(SuppressionList, 'list')}
    >
      <Route
        path="scrub"
        element={
          <AccessGate resource="suppressions" action="scrub" what="the list scrub">
            <ScrubPage />
          </AccessGate>
        }
      />
    </Resource>
    <Resource
      name="exports"
      options={{ label: 'Exports' }}
      icon={FileDownloadIcon}
      list={requireAccess(ExportList, 'list')}
    />
    <Resource
      name="review-queue"
      options={{ label: 'Review queue' }}
      icon={RuleIcon}
      list={requireAccess(ReviewQueuePage, 'list')}
    />
    <Resource
      name="outbox"
      options={{ label: 'Outbox' }}
      icon={OutboxIcon}
      recordRepresentation="subject"
      list={requireAccess(OutboxList, 'list')}
      show={requireAccess(OutboxShow, 'show')}
    />
    <Resource
      name="users"
      options={{ label: 'Users' }}
      icon={PeopleIcon}
      recordRepresentation="email"
      list={requireAccess(UserList, 'list')}
      create={requireAccess(UserCreate, 'create')}
      edit={requireAccess(UserEdit, 'edit')}
    />
    <Resource
      name="api-keys"
      options={{ label: 'API keys' }}
      icon={KeyIcon}
      recordRepresentation="name"
      list={requireAccess(ApiKeyList, 'list')}
      create={requireAccess(ApiKeyCreate, 'create')}
    />
    <Resource
      name="audit"
      options={{ label: 'Audit log' }}
      icon={FactCheckIcon}
      recordRepresentation={(record) => `#${record.seq}`}
      list={requireAccess(AuditList, 'list')}
    />
    <Resource
      name="jobs"
      options={{ label: 'Background jobs' }}
      icon={WorkHistoryIcon}
      recordRepresentation="type"
      list={requireAccess(JobList, 'list')}
      show={requireAccess(JobShow, 'show')}
    />
    <Resource
      name="retention"
      options={{ label: 'Retention' }}
      icon={AutoDeleteIcon}
      list={requireAccess(RetentionPage, 'list')}
    />
  </Admin>
);
