import { AppShell, Burger, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { ROLE_LABELS } from '../../core/access/roles.js';
import type { Me } from '../../core/api/auth.js';
import { useSession } from '../session/SessionProvider.js';
import { useIdleTimeout } from '../session/useIdleTimeout.js';
import { IdleWarning } from './IdleWarning.js';
import { NavMenu } from './NavMenu.js';
import classes from './AppLayout.module.css';

/** Header (who is signed in, sign out), main menu, and the page in a `main` landmark. */
export const AppLayout = ({ me, children }: { me: Me; children: ReactNode }) => {
  const { api, signOut, lastServerContact } = useSession();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const idle = useIdleTimeout({
    minutes: me.idleTimeoutMinutes,
    onTimeout: () => void signOut('idle'),
    keepAlive: () => void api.auth.me().catch(() => undefined),
    lastServerContact,
  });

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <a href="#main" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Close menu' : 'Open menu'}
            />
            <Text fw={700} c="indigo.9">
              OpenIOP
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Text size="sm" visibleFrom="xs">
              <Text span fw={600}>
                {me.displayName}
              </Text>{' '}
              <Text span c="dimmed">
                · {ROLE_LABELS[me.role]}
              </Text>
            </Text>
            <Button size="compact-sm" variant="default" onClick={() => void signOut('signed_out')}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavMenu role={me.role} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        {children}
      </AppShell.Main>
      <IdleWarning
        secondsLeft={idle.secondsLeft}
        onStay={idle.stayActive}
        onSignOut={() => void signOut('signed_out')}
      />
    </AppShell>
  );
};
