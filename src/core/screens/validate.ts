import type { FieldError } from '../errors/domainError.js';
import { isRealDate } from '../runtime.js';
import { ANALYTE_INFO, type AnalyteResultEntry } from './analytes.js';
import { panelByCode, SPECIMEN_LABELS, type ScreenMethod, type Specimen } from './panels.js';

export interface ScreenInput {
  collectedOn: string;
  specimen: Specimen;
  panel: string;
  method: ScreenMethod;
  refused: boolean;
  results: readonly AnalyteResultEntry[];
  confirmsScreenId?: string | null;
}

/**
 * Checks a drug screen before it is recorded: a real collection date not after `today` (the site's
 * calendar date), a known panel for the specimen, and either a refused specimen with no results or
 * exactly one result for every analyte of the panel.
 */
export const checkScreen = (input: ScreenInput, today: string): FieldError[] => {
  const fields: FieldError[] = [];
  if (!isRealDate(input.collectedOn))
    fields.push({ field: '/collectedOn', message: 'is not a real calendar date' });
  else if (input.collectedOn > today)
    fields.push({ field: '/collectedOn', message: 'cannot be in the future' });
  const panel = panelByCode(input.panel);
  if (!panel) {
    fields.push({ field: '/panel', message: 'is not a known panel' });
    return fields;
  }
  if (!panel.specimens.includes(input.specimen))
    fields.push({
      field: '/specimen',
      message: `the ${panel.name} takes ${panel.specimens.map((s) => SPECIMEN_LABELS[s].toLowerCase()).join(' or ')}`,
    });
  if (input.confirmsScreenId && input.method !== 'confirmed')
    fields.push({
      field: '/confirmsScreenId',
      message: 'only a confirmed (laboratory) result confirms a screen',
    });
  if (input.refused) {
    if (input.results.length > 0)
      fields.push({ field: '/results', message: 'a refused specimen has no results' });
    return fields;
  }
  const seen = new Set<string>();
  input.results.forEach((r, i) => {
    if (!panel.analytes.includes(r.analyte))
      fields.push({ field: `/results/${i}/analyte`, message: `${r.analyte} is not on the ${panel.name}` });
    else if (seen.has(r.analyte))
      fields.push({ field: `/results/${i}/analyte`, message: `${r.analyte} is listed twice` });
    seen.add(r.analyte);
  });
  const missing = panel.analytes.filter((a) => !seen.has(a));
  if (missing.length > 0)
    fields.push({
      field: '/results',
      message: `needs a result for ${missing.map((a) => ANALYTE_INFO[a].code).join(', ')}`,
    });
  return fields;
};
