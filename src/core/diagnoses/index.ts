/** Substance use disorder diagnoses (SPEC §2): ICD-10-CM F10–F19 with DSM-5 severity and specifiers. */
export * from './continuingCare.js';
export * from './credentials.js';
export * from './icd10.js';
export * from './severity.js';
export * from './specifiers.js';
export * from './substances.js';
export * from './validate.js';
