export * from './feedEvents.js';
export * from './feedWindow.js';
export * from './icsCalendar.js';
