import type { Site, StaffUser } from '../../../core/api/admin.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

/** Users and sites together: most admin screens need both for their pick lists. */
export const useAdminLists = () => {
  const api = useApi();
  return useResource<{ users: StaffUser[]; sites: Site[] }>(
    async (signal) => {
      const [users, sites] = await Promise.all([api.admin.users.list(signal), api.admin.sites.list(signal)]);
      return { users, sites };
    },
    [api],
  );
};

export const replaceById = <T extends { id: string }>(list: T[], item: T): T[] =>
  list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
