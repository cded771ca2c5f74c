import { NativeSelect } from '@mantine/core';
import type { SiteInfo } from '../session/SitesProvider.js';

/** The site a page works on; shown only to staff who work at more than one. */
export const SitePicker = ({
  sites,
  value,
  onChange,
}: {
  sites: readonly SiteInfo[] | null;
  value: string;
  onChange: (siteId: string) => void;
}) =>
  sites !== null && sites.length > 1 ? (
    <NativeSelect
      label="Site"
      data={sites.map((s) => ({ value: s.id, label: s.name }))}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  ) : null;
