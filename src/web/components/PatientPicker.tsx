import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../core/api/patients.js';
import { formatDate } from '../lib/dates.js';
import { patientName } from '../lib/format.js';
import { useApi } from '../session/SessionProvider.js';

interface PatientPickerProps {
  label: string;
  value: string | null;
  onChange: (patientId: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  description?: string;
}

const optionLabel = (p: PatientSummary): string =>
  `${patientName(p)} · MRN ${p.mrn} · ${formatDate(p.dateOfBirth)}`;

/** Finds a patient by name, MRN or date of birth, among the patients the user may see. */
export const PatientPicker = ({
  label,
  value,
  onChange,
  error,
  required,
  description,
}: PatientPickerProps) => {
  const api = useApi();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const selected = options.find((o) => o.value === value);
    if (debounced.length < 2 || selected?.label === debounced) return;
    const controller = new AbortController();
    setLoading(true);
    api.patients
      .list({ q: debounced, limit: 10 }, controller.signal)
      .then(
        (page) => {
          const found = page.items.map((p) => ({ value: p.id, label: optionLabel(p) }));
          // Keep the chosen patient selectable while a new search runs.
          setOptions(
            selected && !found.some((o) => o.value === selected.value) ? [selected, ...found] : found,
          );
        },
        () => undefined,
      )
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // Options are read, not tracked: a new list must not trigger another search.
  }, [api, debounced, value]);

  return (
    <Select
      label={label}
      description={description ?? 'Type at least 2 characters of a name, MRN or date of birth.'}
      searchable
      clearable
      required={required}
      data={options}
      value={value}
      onChange={(next) => onChange(next)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={
        debounced.length < 2 ? 'Keep typing…' : loading ? 'Searching…' : 'No matching patients'
      }
      error={error}
    />
  );
};
