import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Role } from '../../../core/access/roles.js';
import type { Patient } from '../../../core/api/patients.js';

export const CHART_TABS = [
  'overview',
  'timeline',
  'notes',
  'episodes',
  'admission',
  'placement',
  'measures',
  'treatment-plan',
  'medications',
  'screens',
  'hours',
  'recovery',
  'case',
  'alerts',
  'process-notes',
  'audit',
] as const;
export type ChartTab = (typeof CHART_TABS)[number];

export const TAB_LABELS: Record<ChartTab, string> = {
  overview: 'Overview',
  timeline: 'Timeline',
  notes: 'Notes',
  episodes: 'Episodes',
  admission: 'Admission',
  placement: 'Placement',
  measures: 'Measures',
  'treatment-plan': 'Treatment plan',
  medications: 'Medications',
  screens: 'Drug screens',
  hours: 'Hours',
  recovery: 'Recovery plan',
  case: 'Case management',
  alerts: 'Alerts',
  'process-notes': 'Process notes',
  audit: 'Audit',
};

/** Tabs this user may open on this chart. */
export const visibleTabs = (role: Role, patient: Patient, auditForbidden: boolean): ChartTab[] =>
  CHART_TABS.filter((tab) => {
    switch (tab) {
      case 'overview':
        return true;
      case 'timeline':
        return roleMay(role, 'episode.read');
      case 'notes':
        return roleMay(role, 'note.read');
      case 'process-notes':
        return roleMay(role, 'note.write');
      case 'episodes':
        return roleMay(role, 'episode.read');
      case 'admission':
        return roleMay(role, 'paperwork.read') || roleMay(role, 'diagnosis.read');
      case 'placement':
        return roleMay(role, 'placement.read');
      case 'measures':
        return roleMay(role, 'measure.read');
      case 'treatment-plan':
        return roleMay(role, 'plan.read');
      case 'medications':
        return roleMay(role, 'medication.read');
      case 'screens':
        return roleMay(role, 'screen.read');
      case 'hours':
        return roleMay(role, 'attendance.read');
      case 'recovery':
        return roleMay(role, 'recovery.read');
      case 'case':
        return roleMay(role, 'case.read');
      case 'alerts':
        return patient.openAlertCount !== null;
      case 'audit':
        return roleMay(role, 'audit.read') && !auditForbidden;
    }
  });

export const isChartTab = (value: string): value is ChartTab =>
  (CHART_TABS as readonly string[]).includes(value);
