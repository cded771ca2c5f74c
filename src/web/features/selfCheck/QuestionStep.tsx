import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type RefObject, useId, useRef, useState } from 'react';
import { type Locale, t } from '../../../core/i18n/index.js';
import type { SelfCheckQuestion } from '../../../core/placement/selfCheckQuestions.js';
import classes from './SelfCheck.module.css';
import type { SelfCheckFailure } from './selfCheckApi.js';
import { FAILURE_KEYS } from './texts.js';

export type Answer = string | readonly string[];

interface QuestionStepProps {
  locale: Locale;
  question: SelfCheckQuestion;
  /** 1-based position, for "Step 3 of 15". */
  step: number;
  total: number;
  value: Answer | undefined;
  onChange: (value: Answer) => void;
  onBack: () => void;
  onNext: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Submitting the answers (the last step). */
  pending: boolean;
  failure: SelfCheckFailure | null;
}

const isAnswered = (value: Answer | undefined): boolean =>
  typeof value === 'string' ? value !== '' : value !== undefined && value.length > 0;

/** Ticking "none" clears the other options; ticking another option clears "none". */
const toggled = (current: readonly string[], option: string, on: boolean): string[] => {
  if (!on) return current.filter((o) => o !== option);
  if (option === 'none') return ['none'];
  return [...current.filter((o) => o !== 'none'), option];
};

/** One question: a fieldset whose legend is the step's heading, native radios or checkboxes, Back and Next. */
export const QuestionStep = ({
  locale,
  question,
  step,
  total,
  value,
  onChange,
  onBack,
  onNext,
  headingRef,
  pending,
  failure,
}: QuestionStepProps) => {
  const [missing, setMissing] = useState(false);
  const firstInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const isLast = step === total;
  const chosen: readonly string[] = value === undefined ? [] : typeof value === 'string' ? [value] : value;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isAnswered(value)) {
      setMissing(true);
      firstInput.current?.focus();
      return;
    }
    setMissing(false);
    onNext();
  };

  const describedBy = [question.multiple ? hintId : null, missing ? errorId : null].filter(Boolean).join(' ');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Text size="sm" fw={600} c="gray.8" mb={6}>
            {t(locale, 'selfCheck.ui.step', { current: step, total })}
          </Text>
          <div className={classes.bar} aria-hidden>
            <div className={classes.barFill} style={{ width: `${Math.round((step / total) * 100)}%` }} />
          </div>
        </div>
        <fieldset className={classes.fieldset} aria-describedby={describedBy || undefined}>
          <legend className={classes.legend}>
            <Title order={2} size="h3" ref={headingRef} tabIndex={-1} className={classes.heading}>
              {t(locale, question.key)}
            </Title>
          </legend>
          {question.multiple && (
            <Text id={hintId} size="sm" c="gray.8" mb="xs">
              {t(locale, 'selfCheck.multiple_hint')}
            </Text>
          )}
          <div className={classes.options}>
            {question.options.map((option, i) => (
              <label key={option.id} className={classes.option}>
                <input
                  ref={i === 0 ? firstInput : undefined}
                  type={question.multiple ? 'checkbox' : 'radio'}
                  name={question.id}
                  value={option.id}
                  checked={chosen.includes(option.id)}
                  onChange={(event) => {
                    setMissing(false);
                    onChange(
                      question.multiple ? toggled(chosen, option.id, event.currentTarget.checked) : option.id,
                    );
                  }}
                />
                <span>{t(locale, option.key)}</span>
              </label>
            ))}
          </div>
          {missing && (
            <Text id={errorId} role="alert" c="red.9" fw={600} mt="xs">
              {t(locale, question.multiple ? 'selfCheck.ui.chooseAny' : 'selfCheck.ui.chooseOne')}
            </Text>
          )}
        </fieldset>
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {t(locale, FAILURE_KEYS[failure])}
          </Alert>
        )}
        <Group justify="space-between" wrap="nowrap">
          <Button type="button" variant="default" size="lg" onClick={onBack} disabled={pending}>
            {t(locale, 'selfCheck.ui.back')}
          </Button>
          <Button type="submit" size="lg" loading={pending}>
            {isLast ? t(locale, 'selfCheck.submit') : t(locale, 'selfCheck.ui.next')}
          </Button>
        </Group>
        {pending && (
          <Text role="status" size="sm">
            {t(locale, 'selfCheck.ui.working')}
          </Text>
        )}
      </Stack>
    </form>
  );
};
