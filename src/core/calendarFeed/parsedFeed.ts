import ICAL from 'ical.js';

/**
 * A feed read back by ical.js, the parser Mozilla's calendar apps use: the tests' independent check
 * that what the server writes is a calendar clients understand. Test-only (ical.js is a dev dependency).
 */
export interface ParsedFeedEvent {
  uid: string;
  summary: string;
  location: string | null;
  startIso: string;
  endIso: string;
  status: string | null;
  sequence: number;
}

export const parseFeed = (
  text: string,
): { name: string | null; prodId: string; events: ParsedFeedEvent[] } => {
  const jcal: unknown = ICAL.parse(text);
  if (!Array.isArray(jcal)) throw new Error('not one iCalendar object');
  const calendar = new ICAL.Component(jcal);
  const text0 = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    name: text0(calendar.getFirstPropertyValue('x-wr-calname')),
    prodId: text0(calendar.getFirstPropertyValue('prodid')) ?? '',
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        location: event.location || null,
        startIso: event.startDate.toJSDate().toISOString(),
        endIso: event.endDate.toJSDate().toISOString(),
        status: text0(component.getFirstPropertyValue('status')),
        sequence: event.sequence,
      };
    }),
  };
};
