import type { InstrumentDefinition } from '../types.js';
import { auditItems } from './auditItems.js';

/** Alcohol Use Disorders Identification Test; risk zones from the WHO manual (Babor et al. 2001). */
export const AUDIT: InstrumentDefinition = {
  code: 'audit',
  version: '1',
  name: 'Alcohol Use Disorders Identification Test',
  shortName: 'AUDIT',
  description: 'Hazardous and harmful drinking and possible alcohol dependence.',
  lookbackPeriod: 'Over the last year',
  items: auditItems('audit'),
  scoring: {
    total: true,
    bands: [
      { key: 'zone-1', label: 'Zone I: low risk', min: 0, max: 7 },
      { key: 'zone-2', label: 'Zone II: hazardous drinking', min: 8, max: 15 },
      { key: 'zone-3', label: 'Zone III: harmful drinking', min: 16, max: 19 },
      { key: 'zone-4', label: 'Zone IV: possible dependence', min: 20, max: 40 },
    ],
  },
};
