import { NativeSelect, SimpleGrid } from '@mantine/core';
import type { Program } from '../../../core/api/admin.js';
import { LEVELS_OF_CARE, type LevelOfCare } from '../../../core/care/levels.js';
import { levelLabel } from '../../lib/format.js';

export interface Placement {
  programId: string;
  trackId: string;
  levelOfCare: LevelOfCare;
}

interface PlacementFieldsProps {
  programs: Program[];
  value: Placement;
  onChange: (value: Placement) => void;
  errors: Record<string, string>;
}

/** Program, track and level of care; choosing a program sets the level to the program's own. */
export const PlacementFields = ({ programs, value, onChange, errors }: PlacementFieldsProps) => {
  const program = programs.find((p) => p.id === value.programId);
  const tracks = (program?.tracks ?? []).filter((t) => t.active);

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <NativeSelect
        label="Program"
        required
        data={[
          { value: '', label: 'Choose a program' },
          ...programs.map((p) => ({ value: p.id, label: p.name })),
        ]}
        value={value.programId}
        onChange={(event) => {
          const next = programs.find((p) => p.id === event.currentTarget.value);
          onChange({
            programId: event.currentTarget.value,
            trackId: next?.tracks.find((t) => t.active)?.id ?? '',
            levelOfCare: next?.levelOfCare ?? value.levelOfCare,
          });
        }}
        error={errors['programId']}
      />
      <NativeSelect
        label="Track"
        data={[
          { value: '', label: tracks.length === 0 ? 'No tracks in this program' : 'No track' },
          ...tracks.map((t) => ({ value: t.id, label: `${t.name} (${t.weeklyHours} h/week)` })),
        ]}
        value={value.trackId}
        onChange={(event) => onChange({ ...value, trackId: event.currentTarget.value })}
        error={errors['trackId']}
        disabled={!program}
      />
      <NativeSelect
        label="Level of care"
        required
        description={
          program && program.levelOfCare !== value.levelOfCare
            ? `The program's level is ${program.levelOfCare}.`
            : undefined
        }
        data={LEVELS_OF_CARE.map((level) => ({ value: level, label: levelLabel(level) }))}
        value={value.levelOfCare}
        onChange={(event) => {
          const level = LEVELS_OF_CARE.find((l) => l === event.currentTarget.value);
          if (level) onChange({ ...value, levelOfCare: level });
        }}
        error={errors['levelOfCare']}
      />
    </SimpleGrid>
  );
};
