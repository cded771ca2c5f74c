import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Program, Site } from '../../../core/api/admin.js';
import {
  type Audience,
  DEFAULT_WEEKLY_HOURS,
  LEVELS_OF_CARE,
  type LevelOfCare,
} from '../../../core/care/levels.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { levelLabel } from '../../lib/format.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface ProgramFormProps {
  program: Program | null;
  sites: Site[];
  onSaved: (program: Program) => void;
  onStale: () => void;
  onCancel: () => void;
}

type Num = number | '';
const FIELDS = [
  'siteId',
  'name',
  'levelOfCare',
  'audience',
  'minWeeklyHours',
  'maxWeeklyHours',
  'typicalWeeksMin',
  'typicalWeeksMax',
];
const toNum = (value: string | number): Num => (value === '' ? '' : Number(value));

/** Program settings; level and audience are fixed once created, since episodes refer to them. */
export const ProgramForm = ({ program, sites, onSaved, onStale, onCancel }: ProgramFormProps) => {
  const api = useApi();
  const [siteId, setSiteId] = useState(program?.siteId ?? sites[0]?.id ?? '');
  const [name, setName] = useState(program?.name ?? '');
  const [level, setLevel] = useState<LevelOfCare>(program?.levelOfCare ?? 'IOP');
  const [audience, setAudience] = useState<Audience>(program?.audience ?? 'adult');
  const [minHours, setMinHours] = useState<Num>(
    program?.minWeeklyHours ?? DEFAULT_WEEKLY_HOURS.IOP.adult.min,
  );
  const [maxHours, setMaxHours] = useState<Num>(
    program ? (program.maxWeeklyHours ?? '') : (DEFAULT_WEEKLY_HOURS.IOP.adult.max ?? ''),
  );
  const [weeksMin, setWeeksMin] = useState<Num>(program?.typicalWeeksMin ?? 6);
  const [weeksMax, setWeeksMax] = useState<Num>(program?.typicalWeeksMax ?? 12);
  const [active, setActive] = useState(program?.active ?? true);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const applyDefaults = (nextLevel: LevelOfCare, nextAudience: Audience) => {
    const hours = DEFAULT_WEEKLY_HOURS[nextLevel][nextAudience];
    setMinHours(hours.min);
    setMaxHours(hours.max ?? '');
  };

  const save = useSubmit(async () => {
    const numbers = {
      minWeeklyHours: Number(minHours),
      maxWeeklyHours: maxHours === '' ? null : Number(maxHours),
      typicalWeeksMin: Number(weeksMin),
      typicalWeeksMax: Number(weeksMax),
    };
    return program
      ? api.admin.programs.update(program.id, {
          version: program.version,
          name: name.trim(),
          active,
          ...numbers,
        })
      : api.admin.programs.create({ siteId, name: name.trim(), levelOfCare: level, audience, ...numbers });
  });
  const errors = { ...save.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!program && !siteId) found['siteId'] = 'Choose a site.';
    if (!name.trim()) found['name'] = 'Enter the program name.';
    if (minHours === '') found['minWeeklyHours'] = 'Enter the minimum weekly hours.';
    if (minHours !== '' && maxHours !== '' && maxHours < minHours)
      found['maxWeeklyHours'] = 'The maximum is below the minimum.';
    if (weeksMin === '') found['typicalWeeksMin'] = 'Enter the shortest typical stay.';
    if (weeksMax === '') found['typicalWeeksMax'] = 'Enter the longest typical stay.';
    if (weeksMin !== '' && weeksMax !== '' && weeksMax < weeksMin)
      found['typicalWeeksMax'] = 'The longest stay is below the shortest.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run();
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {program ? `Edit ${program.name}` : 'New program'}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label="Site"
            required
            disabled={program !== null}
            data={sites.map((s) => ({ value: s.id, label: s.name }))}
            value={siteId}
            onChange={(event) => setSiteId(event.currentTarget.value)}
            error={errors['siteId']}
          />
          <TextInput
            label="Program name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors['name']}
            autoFocus
          />
          <NativeSelect
            label="Level of care"
            required
            disabled={program !== null}
            data={LEVELS_OF_CARE.map((l) => ({ value: l, label: levelLabel(l) }))}
            value={level}
            onChange={(event) => {
              const next = LEVELS_OF_CARE.find((l) => l === event.currentTarget.value) ?? level;
              setLevel(next);
              applyDefaults(next, audience);
            }}
            error={errors['levelOfCare']}
          />
          <NativeSelect
            label="Audience"
            required
            disabled={program !== null}
            data={[
              { value: 'adult', label: 'Adults' },
              { value: 'adolescent', label: 'Adolescents' },
            ]}
            value={audience}
            onChange={(event) => {
              const next: Audience = event.currentTarget.value === 'adolescent' ? 'adolescent' : 'adult';
              setAudience(next);
              applyDefaults(level, next);
            }}
            error={errors['audience']}
          />
          <NumberInput
            label="Minimum weekly hours"
            required
            min={0}
            max={168}
            decimalScale={1}
            value={minHours}
            onChange={(v) => setMinHours(toNum(v))}
            error={errors['minWeeklyHours']}
          />
          <NumberInput
            label="Maximum weekly hours"
            description="Empty for no upper limit"
            min={0}
            max={168}
            decimalScale={1}
            value={maxHours}
            onChange={(v) => setMaxHours(toNum(v))}
            error={errors['maxWeeklyHours']}
          />
          <NumberInput
            label="Typical stay from (weeks)"
            required
            min={1}
            max={104}
            allowDecimal={false}
            value={weeksMin}
            onChange={(v) => setWeeksMin(toNum(v))}
            error={errors['typicalWeeksMin']}
          />
          <NumberInput
            label="Typical stay to (weeks)"
            required
            min={1}
            max={104}
            allowDecimal={false}
            value={weeksMax}
            onChange={(v) => setWeeksMax(toNum(v))}
            error={errors['typicalWeeksMax']}
          />
        </SimpleGrid>
        {program && (
          <Switch
            label="Program is active (offered for new admissions)"
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
        )}
        <Group>
          <Button type="submit" loading={save.pending}>
            {program ? 'Save program' : 'Create program'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
