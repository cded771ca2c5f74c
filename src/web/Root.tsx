import { App } from './App.js';
import { isSelfCheckPath } from './features/selfCheck/paths.js';
import { SelfCheckPage } from './features/selfCheck/SelfCheckPage.js';
import { useRouter } from './router.js';
import { SessionProvider } from './session/SessionProvider.js';

/**
 * Public pages render without a session and never ask for one: the self-check is anonymous, so it
 * must not depend on (or touch) a staff member's session in the same browser. Every other path goes
 * through the session: the sign-in page, then the staff app.
 */
export const Root = () => {
  const { location } = useRouter();
  if (isSelfCheckPath(location.pathname)) return <SelfCheckPage />;
  return (
    <SessionProvider>
      <App />
    </SessionProvider>
  );
};
