/**
 * What a drug screen reports on (SPEC §9): the analytes of common point-of-care cups and lab panels,
 * and the result each can have. Codes are the ones printed on cups and lab requisitions.
 */

export const ANALYTES = [
  'AMP',
  'BAR',
  'BZO',
  'BUP',
  'COC',
  'MDMA',
  'MET',
  'MTD',
  'EDDP',
  'OPI',
  'OXY',
  'PCP',
  'THC',
  'FEN',
  'ETG',
] as const;
export type Analyte = (typeof ANALYTES)[number];

export const isAnalyte = (value: string): value is Analyte => (ANALYTES as readonly string[]).includes(value);

/** The code as printed (EtG keeps its usual spelling) and what it detects, for screens and forms. */
export const ANALYTE_INFO: Readonly<Record<Analyte, { code: string; label: string }>> = {
  AMP: { code: 'AMP', label: 'Amphetamine' },
  BAR: { code: 'BAR', label: 'Barbiturates' },
  BZO: { code: 'BZO', label: 'Benzodiazepines' },
  BUP: { code: 'BUP', label: 'Buprenorphine (buprenorphine/norbuprenorphine)' },
  COC: { code: 'COC', label: 'Cocaine (benzoylecgonine)' },
  MDMA: { code: 'MDMA', label: 'MDMA (ecstasy)' },
  MET: { code: 'MET', label: 'Methamphetamine' },
  MTD: { code: 'MTD', label: 'Methadone' },
  EDDP: { code: 'EDDP', label: 'Methadone metabolite (EDDP)' },
  OPI: { code: 'OPI', label: 'Opiates (morphine, codeine)' },
  OXY: { code: 'OXY', label: 'Oxycodone' },
  PCP: { code: 'PCP', label: 'Phencyclidine' },
  THC: { code: 'THC', label: 'Cannabinoids (THC)' },
  FEN: { code: 'FEN', label: 'Fentanyl (fentanyl/norfentanyl)' },
  ETG: { code: 'EtG', label: 'Ethyl glucuronide (alcohol)' },
};

export const ANALYTE_RESULTS = ['negative', 'positive', 'dilute', 'invalid', 'refused'] as const;
export type AnalyteResult = (typeof ANALYTE_RESULTS)[number];

export const ANALYTE_RESULT_LABELS: Readonly<Record<AnalyteResult, string>> = {
  negative: 'Negative',
  positive: 'Positive',
  dilute: 'Dilute',
  invalid: 'Invalid',
  refused: 'Refused',
};

/** Results that say nothing about the analyte: the specimen needs attention instead. */
export const SPECIMEN_ISSUE_RESULTS: readonly AnalyteResult[] = ['dilute', 'invalid', 'refused'];

export interface AnalyteResultEntry {
  analyte: Analyte;
  result: AnalyteResult;
}
