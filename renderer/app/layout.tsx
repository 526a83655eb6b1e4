import { useEffect, useRef } from 'react';
import { AppShell, Badge, Box, Burger, Button, Divider, Group, Kbd, Menu, NavLink as MantineNavLink, ScrollArea, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { administrationFor, modulesFor } from './navigation';
import { selectStatus, useAppSelector } from './store';
import { useLock, useLockShortcut } from '../features/session/useLock';

/** Key caps read the same on the keyboards of all five languages. */
const LOCK_SHORTCUT = 'Ctrl + L';

/** `Counterpart — Organisation`, with DEMO first when it is the demo workspace (seen in the taskbar too). */
export function useWindowTitle(): void {
  const { t } = useTranslation();
  const status = useAppSelector(selectStatus);
  const organisation = status?.organisation?.name;
  const base = organisation ? t('app.titleWithOrganisation', { organisation }) : t('app.name');
  useDocumentTitle(status?.demo ? `[${t('app.demoBadge')}] ${base}` : base);
}

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      className="skip-link"
      onClick={(e) => {
        // The hash belongs to the router: move the focus by hand instead of following the link.
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useAppSelector(selectStatus)?.user;
  const { signOut } = useLock();
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.accountMenu', { name: user.displayName })} className="header-user" data-testid="user-menu">
          <Text size="sm" fw={600} lh={1.2}>
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            {t(`roles.${user.role}`)}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void navigate('/account')}>{t('nav.account')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={signOut} data-testid="sign-out">
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The signed-in frame: header (organisation, DEMO, account, Lock) and the role's navigation. */
export function Layout() {
  const { t } = useTranslation();
  const status = useAppSelector(selectStatus);
  const role = status?.user?.role;
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { lock, locking } = useLock();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useLockShortcut(lock);

  // After a navigation, move the focus to the page so screen readers and keyboards start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    closeNav();
    mainRef.current?.focus();
  }, [location.pathname, closeNav]);

  if (!status || !role) return null;
  const modules = modulesFor(role);
  const administration = administrationFor(role);
  const link = (path: string, label: string, testId: string, end = false) => (
    <MantineNavLink key={path} component={NavLink} to={path} end={end} label={label} data-testid={testId} />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
            <Text fw={700}>{t('app.name')}</Text>
            <Divider orientation="vertical" />
            <Text fw={600} truncate="end" data-testid="header-organisation">
              {status.organisation?.name}
            </Text>
            {status.demo && (
              <Tooltip label={t('app.demoTitle')}>
                <Badge color="yellow" variant="filled" autoContrast size="lg" data-testid="demo-badge">
                  {t('app.demoBadge')}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            <UserMenu />
            <Tooltip
              label={
                <span>
                  {t('header.lockHint')} <Kbd size="xs">{LOCK_SHORTCUT}</Kbd>
                </span>
              }
            >
              <Button variant="default" size="sm" onClick={lock} loading={locking} aria-keyshortcuts="Control+L" data-testid="lock-button">
                {t('header.lock')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <ScrollArea>
          {link('/', t('nav.home'), 'nav-home', true)}
          {modules.map((entry) => link(entry.path, t(entry.labelKey), `nav-${entry.key}`))}
          {administration.length > 0 && (
            <Box mt="md">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4} id="nav-administration" data-testid="nav-administration">
                {t('nav.administration')}
              </Text>
              <div role="group" aria-labelledby="nav-administration">
                {administration.map((entry) => link(entry.path, t(entry.labelKey), `nav-${entry.key}`))}
              </div>
            </Box>
          )}
          <Box mt="md">{link('/account', t('nav.account'), 'nav-account')}</Box>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
