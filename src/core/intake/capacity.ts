/**
 * Places per track. Tracks carry no capacity of their own yet, so a clinic states it in the setting
 * `intake.track_capacity`: `{"default": 24, "tracks": {"<track id>": 18}}`. Without the setting the
 * capacity is unknown (null) and the screen shows only who is enrolled and waiting.
 */
export const TRACK_CAPACITY_SETTING = 'intake.track_capacity';

export interface TrackCapacitySetting {
  default: number | null;
  tracks: Readonly<Record<string, number>>;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000;

/** Reads the setting's JSON value; anything malformed counts as "not set", never as zero places. */
export const trackCapacitySetting = (value: unknown): TrackCapacitySetting => {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { default: null, tracks: {} };
  const record = value as Record<string, unknown>;
  const tracks: Record<string, number> = {};
  const given = record.tracks;
  if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
    for (const [id, places] of Object.entries(given as Record<string, unknown>)) {
      if (isCount(places)) tracks[id] = places;
    }
  }
  return { default: isCount(record.default) ? record.default : null, tracks };
};

export const capacityOfTrack = (setting: TrackCapacitySetting, trackId: string): number | null =>
  setting.tracks[trackId] ?? setting.default;

/** Places left, never below zero; unknown when the capacity is. */
export const placesLeft = (capacity: number | null, enrolled: number): number | null =>
  capacity === null ? null : Math.max(0, capacity - enrolled);
