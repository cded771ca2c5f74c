export * from './channels.js';
export * from './compose.js';
export * from './smsKeywords.js';
export * from './window.js';
