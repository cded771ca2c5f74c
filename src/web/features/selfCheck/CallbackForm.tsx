import { Alert, Button, Checkbox, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { type Locale, t } from '../../../core/i18n/index.js';
import { LIMITS, PHONE_PATTERN } from '../../../core/intake/fields.js';
import { type SelfCheckFailure, SelfCheckRequestError, requestCallback } from './selfCheckApi.js';
import classes from './SelfCheck.module.css';
import { FAILURE_KEYS } from './texts.js';

type Field = 'name' | 'phone' | 'consent';
const ERROR_KEYS = {
  name: 'selfCheck.callback.nameRequired',
  phone: 'selfCheck.callback.phoneInvalid',
  consent: 'selfCheck.callback.consentRequired',
} as const satisfies Record<Field, string>;
const FIELDS: readonly Field[] = ['name', 'phone', 'consent'];

const isField = (value: string): value is Field => (FIELDS as readonly string[]).includes(value);

const phoneOk = (value: string): boolean =>
  new RegExp(PHONE_PATTERN).test(value) && value.replace(/[^0-9]/g, '').length >= 7;

/**
 * The call-back request: only a name, a phone number and how we may contact the person, sent with
 * their explicit consent. The self-check answers are never part of it.
 */
export const CallbackForm = ({ locale, onDone }: { locale: Locale; onDone: () => void }) => {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [contactWindow, setContactWindow] = useState('');
  const [voicemailOk, setVoicemailOk] = useState(false);
  const [textsOk, setTextsOk] = useState(false);
  const [nameClinicOk, setNameClinicOk] = useState(false);
  const [consent, setConsent] = useState(false);
  const [invalid, setInvalid] = useState<readonly Field[]>([]);
  const [failure, setFailure] = useState<SelfCheckFailure | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();
  const inputId = (field: Field) => `${id}-${field}`;

  const show = (fields: readonly Field[]) => {
    setInvalid(fields);
    const first = fields[0];
    if (first) document.getElementById(inputId(first))?.focus();
  };

  const errorOf = (field: Field): string | undefined =>
    invalid.includes(field) ? t(locale, ERROR_KEYS[field]) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: Field[] = [];
    if (name.trim() === '') found.push('name');
    if (!phoneOk(phone.trim())) found.push('phone');
    if (!consent) found.push('consent');
    if (found.length > 0) {
      show(found);
      return;
    }
    setInvalid([]);
    setPending(true);
    try {
      await requestCallback({
        name: name.trim(),
        phone: phone.trim(),
        ...(contactWindow.trim() ? { contactWindow: contactWindow.trim() } : {}),
        voicemailOk,
        textsOk,
        nameClinicOk,
        lang: locale,
        consent: true,
      });
      onDone();
    } catch (error) {
      if (!(error instanceof SelfCheckRequestError)) throw error;
      const named = error.fields.filter(isField);
      if (error.failure === 'invalid' && named.length > 0) show(named);
      else setFailure(error.failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Title order={2} size="h3" id={`${id}-title`}>
          {t(locale, 'selfCheck.callback.offer')}
        </Title>
        <Text>{t(locale, 'selfCheck.callback.consent')}</Text>
        <TextInput
          id={inputId('name')}
          size="md"
          label={t(locale, 'selfCheck.callback.name')}
          description={t(locale, 'selfCheck.callback.nameHint')}
          autoComplete="given-name"
          maxLength={LIMITS.name}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorOf('name')}
          required
          withAsterisk={false}
        />
        <TextInput
          id={inputId('phone')}
          size="md"
          type="tel"
          inputMode="tel"
          label={t(locale, 'selfCheck.callback.phone')}
          autoComplete="tel"
          maxLength={LIMITS.phone}
          value={phone}
          onChange={(event) => setPhone(event.currentTarget.value)}
          error={errorOf('phone')}
          required
          withAsterisk={false}
        />
        <TextInput
          size="md"
          label={t(locale, 'selfCheck.callback.when')}
          description={t(locale, 'selfCheck.callback.whenHint')}
          maxLength={LIMITS.contactWindow}
          value={contactWindow}
          onChange={(event) => setContactWindow(event.currentTarget.value)}
        />
        <fieldset className={classes.fieldset}>
          <legend className={classes.legend}>
            <Text fw={500}>{t(locale, 'selfCheck.callback.how')}</Text>
          </legend>
          <Stack gap="sm">
            <Checkbox
              size="md"
              label={t(locale, 'selfCheck.callback.voicemail')}
              checked={voicemailOk}
              onChange={(event) => setVoicemailOk(event.currentTarget.checked)}
            />
            <Checkbox
              size="md"
              label={t(locale, 'selfCheck.callback.texts')}
              checked={textsOk}
              onChange={(event) => setTextsOk(event.currentTarget.checked)}
            />
            <Checkbox
              size="md"
              label={t(locale, 'selfCheck.callback.nameClinic')}
              checked={nameClinicOk}
              onChange={(event) => setNameClinicOk(event.currentTarget.checked)}
            />
          </Stack>
        </fieldset>
        <Checkbox
          id={inputId('consent')}
          size="md"
          label={t(locale, 'selfCheck.callback.consentLabel')}
          checked={consent}
          onChange={(event) => setConsent(event.currentTarget.checked)}
          error={errorOf('consent')}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {t(locale, FAILURE_KEYS[failure])}
          </Alert>
        )}
        <Button type="submit" size="lg" loading={pending} fullWidth>
          {t(locale, 'selfCheck.callback.submit')}
        </Button>
      </Stack>
    </form>
  );
};
