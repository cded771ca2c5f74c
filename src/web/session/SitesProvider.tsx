import { type ReactNode, createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { Program, Site } from '../../core/api/admin.js';
import type { Me } from '../../core/api/auth.js';
import { browserTimeZone } from '../lib/dates.js';
import { useApi } from './SessionProvider.js';

export interface SiteInfo {
  id: string;
  name: string;
  /** IANA zone when known (admins read it from the site list); null otherwise. */
  timeZone: string | null;
}

interface SitesValue {
  /** Sites the user works at; null while loading. */
  sites: SiteInfo[] | null;
  /** Time zone for times not tied to one patient (inbox, worklist): the user's first site's. */
  staffTimeZone: string;
}

const SitesContext = createContext<SitesValue>({ sites: null, staffTimeZone: browserTimeZone() });

const fromSites = (sites: Site[], me: Me): SiteInfo[] =>
  sites
    .filter((s) => me.role === 'admin' || me.siteIds.includes(s.id))
    .map((s) => ({ id: s.id, name: s.name, timeZone: s.timeZone }));

/** Without the admin site list, a site is named after the programs it runs. */
const fromPrograms = (programs: Program[], me: Me): SiteInfo[] =>
  me.siteIds.map((id, index) => {
    const names = programs.filter((p) => p.siteId === id).map((p) => p.name);
    return {
      id,
      name: names.length > 0 ? `Site ${index + 1} (${names.join(', ')})` : `Site ${index + 1}`,
      timeZone: null,
    };
  });

export const SitesProvider = ({ me, children }: { me: Me; children: ReactNode }) => {
  const api = useApi();
  const [sites, setSites] = useState<SiteInfo[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const load =
      me.role === 'admin'
        ? api.admin.sites.list(controller.signal).then((list) => fromSites(list, me))
        : api.programs.list(controller.signal).then((list) => fromPrograms(list, me));
    load.then(
      (list) => setSites(list),
      () => {
        if (!controller.signal.aborted) setSites(fromPrograms([], me));
      },
    );
    return () => controller.abort();
  }, [api, me]);

  const value = useMemo<SitesValue>(() => {
    const first =
      sites?.find((s) => me.siteIds.includes(s.id) && s.timeZone) ?? sites?.find((s) => s.timeZone);
    return { sites, staffTimeZone: first?.timeZone ?? browserTimeZone() };
  }, [sites, me]);

  return <SitesContext.Provider value={value}>{children}</SitesContext.Provider>;
};

export const useSites = (): SitesValue => useContext(SitesContext);
