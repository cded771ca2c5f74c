import { NativeSelect } from '@mantine/core';
import type { StaffOption } from '../../api/types.js';

interface ClinicianSelectProps {
  label: string;
  clinicians: StaffOption[];
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
  required?: boolean;
  /** A clinician to keep in the list even if not returned (e.g. the current primary clinician). */
  current?: { id: string; displayName: string } | null;
}

export const ClinicianSelect = ({
  label,
  clinicians,
  value,
  onChange,
  error,
  required,
  current,
}: ClinicianSelectProps) => {
  const options = [...clinicians];
  if (current && !options.some((c) => c.id === current.id)) {
    options.push({ id: current.id, displayName: current.displayName, role: 'clinician' });
  }
  options.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <NativeSelect
      label={label}
      maw={360}
      required={required}
      data={[
        { value: '', label: required ? 'Choose a clinician' : 'Keep the current clinician' },
        ...options.map((c) => ({ value: c.id, label: c.displayName })),
      ]}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
    />
  );
};
