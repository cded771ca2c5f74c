import { describe, expect, it } from 'vitest';
import { expandOccurrences } from '../schedule/recurrence.js';
import { buildSeries } from '../schedule/testSeries.js';
import {
  clinicianFeedEvent,
  type FeedOccurrence,
  feedName,
  feedUid,
  GENERIC_PATIENT_TITLE,
  patientFeedEvent,
  toFeedOccurrence,
} from './feedEvents.js';
import { FEED_DAYS_AHEAD, FEED_DAYS_BACK, feedWindow } from './feedWindow.js';
import { buildIcs } from './icsCalendar.js';
import { parseFeed } from './parsedFeed.js';

const occurrence = (overrides: Partial<FeedOccurrence> = {}): FeedOccurrence => ({
  key: '0b6f7a3e-7c1d-4a57-9d7e-3f2b1c0d9e8a@2026-03-09',
  kind: 'group',
  title: 'Opioid use disorder group — Adult IOP',
  startMs: Date.parse('2026-03-09T13:00:00Z'),
  endMs: Date.parse('2026-03-09T14:30:00Z'),
  siteName: 'Riverbend Recovery — Main St',
  roomName: 'Room A',
  telehealth: false,
  moved: false,
  cancelled: false,
  ...overrides,
});

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('patient feed privacy rule', () => {
  it('says only "Appointment" and in person or telehealth when the clinic may not be named', () => {
    const inPerson = patientFeedEvent(occurrence(), { nameClinicOk: false });
    expect(inPerson.summary).toBe(GENERIC_PATIENT_TITLE);
    expect(inPerson.location).toBe('In person');
    const video = patientFeedEvent(occurrence({ roomName: null, telehealth: true }), { nameClinicOk: false });
    expect(video.location).toBe('Telehealth');
    const text = JSON.stringify([inPerson, video]);
    for (const secret of ['Opioid', 'IOP', 'Riverbend', 'Room A', 'group'])
      expect(text).not.toContain(secret);
  });

  it('names the session and the place when the patient allows naming the clinic', () => {
    const e = patientFeedEvent(occurrence(), { nameClinicOk: true });
    expect(e.summary).toBe('Opioid use disorder group — Adult IOP');
    expect(e.location).toBe('Riverbend Recovery — Main St, Room A');
    expect(
      patientFeedEvent(occurrence({ roomName: null, telehealth: true }), { nameClinicOk: true }).location,
    ).toBe('Riverbend Recovery — Main St');
  });

  it('marks cancelled occurrences and counts changes in the sequence', () => {
    const cancelled = patientFeedEvent(occurrence({ cancelled: true, moved: true }), { nameClinicOk: false });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 2, summary: 'Cancelled: Appointment' });
    expect(patientFeedEvent(occurrence({ moved: true }), { nameClinicOk: false }).sequence).toBe(1);
    expect(patientFeedEvent(occurrence(), { nameClinicOk: false })).toMatchObject({
      status: 'CONFIRMED',
      sequence: 0,
    });
  });

  it('keeps the calendar name generic unless the clinic may be named', () => {
    expect(feedName('patient', null)).toBe('Appointments');
    expect(feedName('patient', 'Riverbend')).toBe('Riverbend appointments');
    expect(feedName('clinician', 'Riverbend')).toBe('My sessions');
  });
});

describe('clinician feed', () => {
  it('titles by kind and room, never by the series title', () => {
    const e = clinicianFeedEvent(occurrence({ kind: 'individual' }));
    expect(e.summary).toBe('Individual session');
    expect(e.location).toBe('Room A');
    expect(JSON.stringify(e)).not.toContain('Opioid');
    expect(clinicianFeedEvent(occurrence({ roomName: null, telehealth: true })).location).toBe('Telehealth');
  });

  it('has UIDs that differ from the patient feed’s for the same occurrence and stay stable', () => {
    const o = occurrence();
    expect(clinicianFeedEvent(o).uid).not.toBe(patientFeedEvent(o, { nameClinicOk: false }).uid);
    expect(feedUid('patient', o.key)).toBe('0b6f7a3e-7c1d-4a57-9d7e-3f2b1c0d9e8a-20260309-patient@openiop');
    expect(clinicianFeedEvent(occurrence({ moved: true, startMs: o.startMs + 86_400_000 })).uid).toBe(
      clinicianFeedEvent(o).uid,
    );
  });
});

describe('feed window', () => {
  it('spans two weeks back to eight weeks ahead', () => {
    const w = feedWindow(NOW);
    expect((NOW - w.fromMs) / 86_400_000).toBe(FEED_DAYS_BACK);
    expect((w.toMs - NOW) / 86_400_000).toBe(FEED_DAYS_AHEAD);
  });
});

describe('iCalendar output', () => {
  it('keeps 09:00 at the site across the spring-forward week (UTC instants shift by an hour)', () => {
    const series = buildSeries({ startsOn: '2026-03-02' });
    const occurrences = expandOccurrences(
      series,
      Date.parse('2026-03-02T00:00:00Z'),
      Date.parse('2026-03-14T00:00:00Z'),
    );
    const events = occurrences.map((o) =>
      patientFeedEvent(toFeedOccurrence(o, { siteName: null, roomName: 'Room A', closed: false }), {
        nameClinicOk: false,
      }),
    );
    const parsed = parseFeed(buildIcs({ name: 'Appointments', events, nowMs: NOW }));
    expect(parsed.events.map((e) => e.startIso)).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-04T14:00:00.000Z',
      '2026-03-06T14:00:00.000Z',
      // Daylight saving began on Sunday 8 March in New York.
      '2026-03-09T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
      '2026-03-13T13:00:00.000Z',
    ]);
    expect(parsed.events.every((e) => Date.parse(e.endIso) - Date.parse(e.startIso) === 90 * 60_000)).toBe(
      true,
    );
    expect(new Set(parsed.events.map((e) => e.uid)).size).toBe(6);
  });

  it('writes DTSTART and DTEND in UTC, CRLF line ends and lines of at most 75 octets', () => {
    const long = 'Relapse prevention, coping skills; and “mindfulness” \\ practice — '.repeat(3);
    const ics = buildIcs({
      name: 'Appointments',
      events: [patientFeedEvent(occurrence({ title: long }), { nameClinicOk: true })],
      nowMs: NOW,
    });
    expect(ics).toContain('DTSTART:20260309T130000Z\r\n');
    expect(ics).toContain('DTEND:20260309T143000Z\r\n');
    expect(ics).toContain('DTSTAMP:20260301T120000Z\r\n');
    const lines = ics.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const unfolded = ics.replaceAll('\r\n ', '');
    expect(unfolded).toContain(
      'SUMMARY:Relapse prevention\\, coping skills\\; and “mindfulness” \\\\ practice',
    );
    const [event] = parseFeed(ics).events;
    expect(event?.summary).toBe(long);
    expect(event?.location).toBe('Riverbend Recovery — Main St, Room A');
  });

  it('carries cancelled occurrences as STATUS:CANCELLED with their sequence', () => {
    const ics = buildIcs({
      name: 'My sessions',
      events: [clinicianFeedEvent(occurrence({ cancelled: true }))],
      nowMs: NOW,
    });
    const parsed = parseFeed(ics);
    expect(parsed.name).toBe('My sessions');
    expect(parsed.events[0]).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
      summary: 'Cancelled: Group session',
    });
  });

  it('names no product in PRODID and writes an empty calendar when there is nothing to show', () => {
    const parsed = parseFeed(buildIcs({ name: 'Appointments', events: [], nowMs: NOW }));
    expect(parsed.events).toEqual([]);
    expect(parsed.prodId).toBe('-//Calendar//Feed//EN');
  });
});
