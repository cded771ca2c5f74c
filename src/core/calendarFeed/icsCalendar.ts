import ical, { ICalEventStatus } from 'ical-generator';
import type { FeedEvent } from './feedEvents.js';

/**
 * An RFC 5545 VCALENDAR from feed events. ical-generator does the folding (75 octets), escaping and
 * CRLF line ends. Times are UTC: clients show them in the viewer's zone, and UTC needs no VTIMEZONE
 * block (which would have to carry the site's daylight-saving rules). The PRODID names no product
 * because the product is treatment software.
 */
export const buildIcs = (input: {
  name: string;
  events: readonly FeedEvent[];
  /** DTSTAMP of every event: when the feed was produced. */
  nowMs: number;
  /** Suggested refresh interval, in seconds. */
  refreshSeconds?: number;
}): string => {
  const calendar = ical({
    prodId: { company: 'Calendar', product: 'Feed' },
    name: input.name,
    ttl: input.refreshSeconds ?? 3600,
  });
  const stamp = new Date(input.nowMs);
  for (const e of [...input.events].sort((a, b) => a.startMs - b.startMs || a.uid.localeCompare(b.uid))) {
    calendar.createEvent({
      id: e.uid,
      start: new Date(e.startMs),
      end: new Date(e.endMs),
      stamp,
      summary: e.summary,
      location: e.location,
      sequence: e.sequence,
      status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
};
