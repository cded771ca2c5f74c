import type { Today } from '../../core/api/home.js';
import type { TimelinePage } from '../../core/api/timeline.js';
import type { TimelineKind } from '../../core/timeline/kinds.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** The clinician's Today and the chart timeline. */
export const createHomeApi = (http: Http) => ({
  today: (signal?: AbortSignal) => http.get<Today>('/home/today', undefined, signal),
  timeline: (
    patientId: string,
    query: { types?: readonly TimelineKind[]; before?: string; limit?: number },
    signal?: AbortSignal,
  ) =>
    http.get<TimelinePage>(
      `/patients/${seg(patientId)}/timeline`,
      {
        ...(query.types && query.types.length > 0 ? { types: query.types.join(',') } : {}),
        ...(query.before ? { before: query.before } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      },
      signal,
    ),
});
