import { Anchor, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SelfCheckEvaluation } from '../../../core/api/selfCheck.js';
import { type Locale, t } from '../../../core/i18n/index.js';
import { SELF_CHECK_QUESTIONS } from '../../../core/placement/selfCheckQuestions.js';
import { CrisisResources } from '../../components/CrisisResources.js';
import { useLinkProps, useRouter } from '../../router.js';
import { LanguageSwitch } from '../auth/LanguageSwitch.js';
import { CrisisHelp } from './CrisisHelp.js';
import { type Answer, QuestionStep } from './QuestionStep.js';
import { ResultView } from './ResultView.js';
import classes from './SelfCheck.module.css';
import { SELF_CHECK_PATHS, selfCheckLocale } from './paths.js';
import { type SelfCheckFailure, SelfCheckRequestError, evaluateAnswers } from './selfCheckApi.js';

type Screen =
  | { kind: 'intro' }
  | { kind: 'question'; index: number }
  | { kind: 'crisis' }
  | { kind: 'result'; evaluation: SelfCheckEvaluation }
  | { kind: 'done' };

const TOTAL = SELF_CHECK_QUESTIONS.length;

/**
 * "Is IOP right for me?" (SPEC §3): public, anonymous, phone-first, in English and Spanish. Answers
 * stay in this component's memory — no storage, no analytics — and are sent once, to be evaluated
 * and forgotten. Saying "in danger now" stops the questions and shows crisis help at once.
 */
export const SelfCheckPage = () => {
  const { location, navigate } = useRouter();
  const [locale, setLocale] = useState<Locale>(() =>
    selfCheckLocale(location.pathname, location.search, navigator.languages),
  );
  const [screen, setScreen] = useState<Screen>({ kind: 'intro' });
  const [answers, setAnswers] = useState<Readonly<Record<string, Answer>>>({});
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<SelfCheckFailure | null>(null);
  const [moves, setMoves] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const signInLink = useLinkProps(locale === 'es' ? '/sign-in?lang=es' : '/sign-in');

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t(locale, 'selfCheck.title')} · ${t(locale, 'app.name')}`;
    return () => {
      document.documentElement.lang = 'en';
    };
  }, [locale]);

  // Each new step starts at its heading, for screen readers and keyboards alike.
  useEffect(() => {
    if (moves === 0) return;
    window.scrollTo(0, 0);
    headingRef.current?.focus({ preventScroll: true });
  }, [moves]);

  const go = useCallback((next: Screen) => {
    setFailure(null);
    setScreen(next);
    setMoves((n) => n + 1);
  }, []);

  const changeLocale = (next: Locale) => {
    setLocale(next);
    navigate(SELF_CHECK_PATHS[next], { replace: true, keepFocus: true });
  };

  const startOver = () => {
    setAnswers({});
    go({ kind: 'intro' });
  };

  const submit = async () => {
    setPending(true);
    setFailure(null);
    try {
      const evaluation = await evaluateAnswers(answers, locale);
      go(evaluation.outcome === 'crisis' ? { kind: 'crisis' } : { kind: 'result', evaluation });
    } catch (error) {
      if (!(error instanceof SelfCheckRequestError)) throw error;
      setFailure(error.failure);
    } finally {
      setPending(false);
    }
  };

  const next = (index: number) => {
    const question = SELF_CHECK_QUESTIONS[index];
    if (question?.id === 'safety_now' && answers.safety_now === 'yes') go({ kind: 'crisis' });
    else if (index + 1 < TOTAL) go({ kind: 'question', index: index + 1 });
    else void submit();
  };

  const content = (() => {
    switch (screen.kind) {
      case 'intro':
        return (
          <Stack gap="md">
            <Text size="lg">{t(locale, 'selfCheck.intro')}</Text>
            <Text>{t(locale, 'selfCheck.privacy')}</Text>
            <Text>{t(locale, 'selfCheck.always.not_a_diagnosis')}</Text>
            <Button size="lg" fullWidth onClick={() => go({ kind: 'question', index: 0 })}>
              {t(locale, 'selfCheck.ui.start')}
            </Button>
          </Stack>
        );
      case 'question': {
        const question = SELF_CHECK_QUESTIONS[screen.index];
        if (!question) return null;
        return (
          <QuestionStep
            key={question.id}
            locale={locale}
            question={question}
            step={screen.index + 1}
            total={TOTAL}
            value={answers[question.id]}
            onChange={(value) => setAnswers((current) => ({ ...current, [question.id]: value }))}
            onBack={() =>
              go(screen.index === 0 ? { kind: 'intro' } : { kind: 'question', index: screen.index - 1 })
            }
            onNext={() => next(screen.index)}
            headingRef={headingRef}
            pending={pending}
            failure={failure}
          />
        );
      }
      case 'crisis':
        return <CrisisHelp locale={locale} headingRef={headingRef} onStartOver={startOver} />;
      case 'result':
        return (
          <ResultView
            locale={locale}
            evaluation={screen.evaluation}
            headingRef={headingRef}
            onCallbackDone={() => {
              // The answers are not needed any more: forget them.
              setAnswers({});
              go({ kind: 'done' });
            }}
            onStartOver={startOver}
          />
        );
      case 'done':
        return (
          <Stack gap="md">
            <Title order={2} size="h3" ref={headingRef} tabIndex={-1} className={classes.heading}>
              {t(locale, 'selfCheck.callback.done.title')}
            </Title>
            <Text size="lg">{t(locale, 'selfCheck.callback.done.text')}</Text>
            <Button variant="subtle" size="md" onClick={startOver}>
              {t(locale, 'selfCheck.ui.startOver')}
            </Button>
          </Stack>
        );
    }
  })();

  return (
    <Box bg="gray.0" mih="100vh" py="md" lang={locale}>
      <Container size={560} px="md">
        <Stack gap="md">
          <Box component="header">
            <Group justify="space-between" mb="sm" wrap="nowrap">
              <Text fw={700} size="lg" c="indigo.9">
                {t(locale, 'app.name')}
              </Text>
              <LanguageSwitch locale={locale} onChange={changeLocale} />
            </Group>
            <Title
              order={1}
              size="h2"
              ref={screen.kind === 'intro' ? headingRef : undefined}
              tabIndex={-1}
              className={classes.heading}
            >
              {t(locale, 'selfCheck.title')}
            </Title>
          </Box>
          {screen.kind !== 'crisis' && <CrisisResources locale={locale} />}
          <Paper component="main" id="main" withBorder shadow="xs" p="lg" radius="md">
            {content}
          </Paper>
          <Box component="footer" ta="center">
            <Anchor size="sm" c="indigo.9" {...signInLink}>
              {t(locale, 'selfCheck.ui.staffSignIn')}
            </Anchor>
          </Box>
        </Stack>
      </Container>
    </Box>
  );
};
