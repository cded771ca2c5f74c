import type { InstrumentDefinition } from '../types.js';
import { auditConsumptionItems } from './auditItems.js';

/**
 * AUDIT-C, the three consumption items of the AUDIT. Positive at 4 or more for men and 3 or more for
 * women (Bradley et al. 2007, as SPEC §4 states): one cut-off would miss women or over-flag men.
 */
export const AUDIT_C: InstrumentDefinition = {
  code: 'audit-c',
  version: '1',
  name: 'AUDIT-Consumption',
  shortName: 'AUDIT-C',
  description: 'Brief alcohol screen: the three consumption questions of the AUDIT.',
  lookbackPeriod: 'Over the last year',
  items: auditConsumptionItems('audit-c'),
  scoring: {
    total: true,
    sexSpecificPositive: { male: 4, female: 3 },
  },
};
