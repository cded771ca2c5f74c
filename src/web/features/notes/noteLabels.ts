import type { NoteSummary } from '../../../core/api/notes.js';

/** One word for where a note stands, for badges and screen readers. */
export const noteState = (
  note: Pick<NoteSummary, 'status' | 'late' | 'awaitingCosignature' | 'cosignedAt'>,
): {
  label: string;
  color: string;
} => {
  if (note.status === 'draft')
    return note.late ? { label: 'Late draft', color: 'red' } : { label: 'Draft', color: 'gray' };
  if (note.awaitingCosignature) return { label: 'Awaiting co-signature', color: 'yellow' };
  if (note.cosignedAt) return { label: 'Co-signed', color: 'green' };
  return { label: 'Signed', color: 'green' };
};
