import { Center, Loader, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { Me } from '../core/api/auth.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { homePathFor } from './features/home/homeAccess.js';
import { Routes } from './Routes.js';
import { useRouter } from './router.js';
import { useSession } from './session/SessionProvider.js';
import { SitesProvider } from './session/SitesProvider.js';
import { AppLayout } from './shell/AppLayout.js';
import { InboxCountProvider } from './shell/InboxCount.js';

const SignedIn = ({ me }: { me: Me }) => {
  const { location, navigate } = useRouter();
  const onSignIn = location.pathname.startsWith('/sign-in') || location.pathname === '/';

  useEffect(() => {
    if (onSignIn) navigate(homePathFor(me.role), { replace: true });
  }, [onSignIn, navigate, me.role]);

  if (onSignIn) return null;
  return (
    <SitesProvider me={me}>
      <InboxCountProvider>
        <AppLayout me={me}>
          <Routes me={me} />
        </AppLayout>
      </InboxCountProvider>
    </SitesProvider>
  );
};

export const App = () => {
  const { state } = useSession();
  if (state.status === 'checking') {
    return (
      <Center mih="100vh" role="status">
        <Loader size="sm" aria-hidden />
        <Text size="sm" ml="sm">
          Loading OpenIOP…
        </Text>
      </Center>
    );
  }
  if (state.status === 'signed_out') return <SignInPage />;
  return <SignedIn me={state.me} />;
};
