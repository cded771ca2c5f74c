import { SimpleGrid, TextInput, Textarea } from '@mantine/core';

interface DateWithBackdateProps {
  label: string;
  date: string;
  reason: string;
  today: string;
  onDate: (date: string) => void;
  onReason: (reason: string) => void;
  errors: Record<string, string>;
  dateField: string;
}

/** A date that defaults to today; a date in the past asks why it is being recorded late. */
export const DateWithBackdate = ({
  label,
  date,
  reason,
  today,
  onDate,
  onReason,
  errors,
  dateField,
}: DateWithBackdateProps) => {
  const backdated = date !== '' && date < today;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput
        label={label}
        type="date"
        required
        value={date}
        onChange={(event) => onDate(event.currentTarget.value)}
        error={errors[dateField]}
      />
      {backdated && (
        <Textarea
          label="Back-date reason"
          description="The date is in the past: say why it is recorded late."
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => onReason(event.currentTarget.value)}
          error={errors['backdateReason']}
        />
      )}
    </SimpleGrid>
  );
};

/** Local checks shared by the episode forms: a date, and a reason when it is in the past. */
export const checkDate = (
  date: string,
  reason: string,
  today: string,
  dateField: string,
): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (!date) errors[dateField] = 'Enter a date.';
  else if (date < today && !reason.trim()) errors['backdateReason'] = 'Say why this date is in the past.';
  return errors;
};
