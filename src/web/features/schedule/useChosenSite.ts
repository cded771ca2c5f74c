import { useState } from 'react';
import { type SiteInfo, useSites } from '../../session/SitesProvider.js';

export interface ChosenSite {
  /** The user's sites; null while loading. */
  sites: SiteInfo[] | null;
  /** The site the page shows: the one chosen, else the user's first; '' when they have none. */
  siteId: string;
  /** The site's time zone, or the user's when the site's is not known to them. */
  timeZone: string;
  choose: (siteId: string) => void;
}

/** The site a schedule page works on, as the site picker sets it. */
export const useChosenSite = (): ChosenSite => {
  const { sites, staffTimeZone } = useSites();
  const [chosen, setChosen] = useState<string | null>(null);
  const siteId = chosen ?? sites?.[0]?.id ?? '';
  const site = sites?.find((s) => s.id === siteId);
  return { sites, siteId, timeZone: site?.timeZone ?? staffTimeZone, choose: setChosen };
};
