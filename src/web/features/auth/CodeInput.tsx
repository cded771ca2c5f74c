import { TextInput } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { type Locale, t } from '../../../core/i18n/index.js';

interface CodeInputProps {
  locale: Locale;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** The 6-digit TOTP code field; takes focus when it appears. */
export const CodeInput = ({ locale, value, onChange, error }: CodeInputProps) => {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <TextInput
      ref={ref}
      label={t(locale, 'signIn.totp.label')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      withAsterisk={false}
      error={error}
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
};

export const isSixDigits = (code: string): boolean => /^\d{6}$/.test(code);
