import { Alert, Button, Divider, List, Stack, Text, Title } from '@mantine/core';
import type { RefObject } from 'react';
import type { SelfCheckEvaluation } from '../../../core/api/selfCheck.js';
import { type Locale, t } from '../../../core/i18n/index.js';
import { CallbackForm } from './CallbackForm.js';
import classes from './SelfCheck.module.css';
import { messageFor } from './texts.js';

/**
 * The likely level in plain words, why, the reminders every result carries ("this is not a
 * diagnosis", "talk to a professional", the crisis lines), and the offer of a call back.
 */
export const ResultView = ({
  locale,
  evaluation,
  headingRef,
  onCallbackDone,
  onStartOver,
}: {
  locale: Locale;
  evaluation: SelfCheckEvaluation;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onCallbackDone: () => void;
  onStartOver: () => void;
}) => {
  const level = evaluation.likelyLevel;
  return (
    <Stack gap="md">
      <Title order={2} size="h3" ref={headingRef} tabIndex={-1} className={classes.heading}>
        {t(locale, 'selfCheck.ui.resultTitle')}
      </Title>
      {level && (
        <Text size="xl" fw={700} c="indigo.9">
          {t(locale, 'selfCheck.ui.likelyLevel', {
            level: messageFor(locale, `selfCheck.level.${level}`, evaluation.levelLabel ?? level),
          })}
        </Text>
      )}
      <Text size="lg">{messageFor(locale, evaluation.headline.key, evaluation.headline.text)}</Text>
      {evaluation.reasons.length > 0 && (
        <section aria-labelledby="self-check-why">
          <Title order={3} size="h4" id="self-check-why" mb="xs">
            {t(locale, 'selfCheck.ui.why')}
          </Title>
          <List spacing="xs" size="md">
            {evaluation.reasons.map((reason) => (
              <List.Item key={reason.key}>{messageFor(locale, reason.key, reason.text)}</List.Item>
            ))}
          </List>
        </section>
      )}
      <Alert color="indigo" variant="light">
        <Stack gap={4}>
          {evaluation.notes.map((note) => (
            <Text key={note.key} fw={note.key === 'selfCheck.always.not_a_diagnosis' ? 700 : 400}>
              {messageFor(locale, note.key, note.text)}
            </Text>
          ))}
        </Stack>
      </Alert>
      <Divider my="sm" />
      <CallbackForm locale={locale} onDone={onCallbackDone} />
      <Button variant="subtle" size="md" onClick={onStartOver}>
        {t(locale, 'selfCheck.ui.startOver')}
      </Button>
    </Stack>
  );
};
