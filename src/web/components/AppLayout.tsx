/** The frame of every screen: menu, scope pickers (organization, year), language and user. */
import { Suspense, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/index.ts';
import { useSession } from '../features/session/session.tsx';
import { Loading } from './States.tsx';
import { OrgPicker } from './OrgPicker.tsx';
import { todayIso, useScope, useScopeSearch, yearEnd } from './scope.ts';

const MENU = [
  { key: '/', label: 'nav.dashboard' },
  { key: '/organizations', label: 'nav.organizations' },
  { key: '/people', label: 'nav.people' },
  { key: '/members', label: 'nav.members' },
  { key: '/todo', label: 'daily.navTodo' },
  { key: '/pipeline', label: 'nav.pipeline' },
  { key: '/courses', label: 'daily.navCourses' },
  { key: '/alerts', label: 'daily.navAlerts' },
  { key: '/plans', label: 'nav.plans' },
  { key: '/resolutions', label: 'nav.resolutions' },
  { key: '/reports', label: 'nav.reports' },
  { key: '/import', label: 'nav.import' },
  { key: '/regulations', label: 'regulations.nav' },
  { key: '/users', label: 'users.nav', ability: 'manageUsers' },
] as const;

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/candidates')) return '/pipeline';
  const match = MENU.filter((m) => m.key !== '/' && pathname.startsWith(m.key));
  return match[0]?.key ?? '/';
}

/** Years offered in the year picker: from 2010 to next year, newest first. */
function years(): number[] {
  const last = Number(todayIso().slice(0, 4)) + 1;
  return Array.from({ length: last - 2010 + 1 }, (_, i) => last - i);
}

/** Lays out the menu and header around a screen. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const search = useScopeSearch();
  const { org, year, setScope } = useScope();
  const { session, signOut, can } = useSession();
  // Below antd's `lg` (992 px, e.g. a tablet) the menu moves into a drawer opened from the header.
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const [menuOpen, setMenuOpen] = useState(false);
  const nav = (
    <nav aria-label={t('app.menu')}>
      <Menu
        mode="inline"
        selectedKeys={[selectedKey(location.pathname)]}
        onClick={() => setMenuOpen(false)}
        items={MENU.filter((m) => !('ability' in m) || can(m.ability)).map((m) => ({
          key: m.key,
          label: <Link to={`${m.key}${search}`}>{t(m.label)}</Link>,
        }))}
      />
    </nav>
  );
  return (
    <Layout className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      {narrow ? (
        <Drawer
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="left"
          size={260}
          title={t('app.title')}
        >
          {nav}
        </Drawer>
      ) : (
        <Layout.Sider className="no-print app-sider" width={220} theme="light">
          <div className="brand">
            <Link to={`/${search}`}>{t('app.title')}</Link>
          </div>
          {nav}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header no-print">
          <Space wrap size="middle">
            {narrow && (
              <Button
                aria-label={t('app.menu')}
                aria-expanded={menuOpen}
                onClick={() => setMenuOpen(true)}
              >
                ☰ {t('app.menuShort')}
              </Button>
            )}
            <label htmlFor="scope-org" className="field-label">
              {t('app.organization')}
            </label>
            <OrgPicker
              id="scope-org"
              asOf={yearEnd(year)}
              value={org}
              onChange={(code) => setScope({ org: code })}
            />
            <label htmlFor="scope-year" className="field-label">
              {t('app.year')}
            </label>
            <Select<number>
              id="scope-year"
              aria-label={t('app.year')}
              value={year}
              style={{ width: 96 }}
              onChange={(value) => setScope({ year: value })}
              options={years().map((y) => ({ value: y, label: String(y) }))}
            />
          </Space>
          <Space wrap size="small" className="header-right">
            <Select<Language>
              aria-label={t('app.language')}
              value={i18n.language === 'en' ? 'en' : 'vi'}
              style={{ width: 120 }}
              onChange={(value) => void changeLanguage(value)}
              options={[
                { value: 'vi', label: 'Tiếng Việt' },
                { value: 'en', label: 'English' },
              ]}
            />
            {session.status === 'signedIn' ? (
              <>
                <Typography.Text data-testid="signed-in-user">
                  {session.user.displayName ?? session.user.username}
                </Typography.Text>
                <Tag data-testid="signed-in-role">{t(`roles.${session.user.role}`)}</Tag>
                <Button onClick={() => void signOut()}>{t('app.signOut')}</Button>
              </>
            ) : (
              <Typography.Text type="secondary">{t('app.localMode')}</Typography.Text>
            )}
          </Space>
        </Layout.Header>
        <Layout.Content id="main" className="app-content" tabIndex={-1}>
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
