import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

/** A tiny history router: the path and query are the only navigation state. */
interface Location {
  pathname: string;
  search: string;
}

interface NavigateOptions {
  replace?: boolean;
  /** A change within the page (e.g. a tab): focus stays where the user put it. */
  keepFocus?: boolean;
}

interface RouterValue {
  location: Location;
  /** How many page changes have happened in the app; pages move focus to their heading after one. */
  navigations: number;
  navigate: (to: string, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

const current = (): Location => ({ pathname: window.location.pathname, search: window.location.search });

export const RouterProvider = ({ children }: { children: ReactNode }) => {
  const [location, setLocation] = useState<Location>(current);
  const [navigations, setNavigations] = useState(0);

  useEffect(() => {
    const onPop = () => {
      setLocation(current());
      setNavigations((n) => n + 1);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options?: NavigateOptions) => {
    const target = new URL(to, window.location.href);
    const next = `${target.pathname}${target.search}`;
    if (next === `${window.location.pathname}${window.location.search}`) return;
    if (options?.replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
    setLocation(current());
    if (!options?.keepFocus) {
      setNavigations((n) => n + 1);
      window.scrollTo(0, 0);
    }
  }, []);

  const value = useMemo(() => ({ location, navigations, navigate }), [location, navigations, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
};

export const useRouter = (): RouterValue => {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter must be used inside RouterProvider');
  return value;
};

export const useSearchParams = (): URLSearchParams => {
  const { location } = useRouter();
  return useMemo(() => new URLSearchParams(location.search), [location.search]);
};

/**
 * Matches `/patients/:id/:tab?` against a path; returns the decoded parameters or null.
 * A trailing `?` makes the last segment optional.
 */
export const matchPath = (pattern: string, pathname: string): Record<string, string> | null => {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const required = patternParts.filter((p) => !p.endsWith('?')).length;
  if (pathParts.length < required || pathParts.length > patternParts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of patternParts.entries()) {
    const actual = pathParts[i];
    if (part.startsWith(':')) {
      if (actual === undefined) continue;
      params[part.slice(1).replace(/\?$/, '')] = decodeURIComponent(actual);
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
};

const isPlainLeftClick = (event: MouseEvent<HTMLAnchorElement>): boolean =>
  event.button === 0 &&
  !event.metaKey &&
  !event.ctrlKey &&
  !event.shiftKey &&
  !event.altKey &&
  !event.defaultPrevented;

/** Props that make any anchor (plain or Mantine) navigate inside the app. */
export const useLinkProps = (to: string) => {
  const { navigate, location } = useRouter();
  return {
    href: to,
    onClick: (event: MouseEvent<HTMLAnchorElement>) => {
      if (!isPlainLeftClick(event)) return;
      event.preventDefault();
      navigate(to);
    },
    'aria-current': location.pathname === to ? ('page' as const) : undefined,
  };
};

export const Link = ({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) => {
  const props = useLinkProps(to);
  return (
    <a {...rest} {...props}>
      {children}
    </a>
  );
};
