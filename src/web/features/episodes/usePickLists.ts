import type { Program } from '../../../core/api/admin.js';
import type { StaffOption } from '../../api/types.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';

export interface PickLists {
  programs: Program[];
  clinicians: StaffOption[];
}

/** Programs (with tracks) and clinicians for the episode forms, loaded together. */
export const usePickLists = () => {
  const api = useApi();
  return useResource<PickLists>(
    async (signal) => {
      const [programs, clinicians] = await Promise.all([
        api.programs.list(signal),
        api.staff.list('clinician', signal),
      ]);
      return { programs, clinicians };
    },
    [api],
  );
};

/** Active programs at a site, by name. */
export const programsAt = (programs: Program[], siteId: string): Program[] =>
  programs.filter((p) => p.siteId === siteId && p.active).sort((a, b) => a.name.localeCompare(b.name));
