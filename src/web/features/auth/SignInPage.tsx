import {
  Alert,
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { homePathFor } from '../home/homeAccess.js';
import type { LoginResult, Me } from '../../../core/api/auth.js';
import { type Locale, type MessageKey, t } from '../../../core/i18n/index.js';
import { ApiError, type ProblemDetails } from '../../api/problem.js';
import { CrisisResources } from '../../components/CrisisResources.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useLinkProps, useRouter, useSearchParams } from '../../router.js';
import { type SignOutReason, safeNext, useSession } from '../../session/SessionProvider.js';
import { SELF_CHECK_PATHS } from '../selfCheck/paths.js';
import { CodeInput, isSixDigits } from './CodeInput.js';
import { EnrolmentDetails } from './EnrolmentDetails.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { useLocale } from './useLocale.js';

type Step =
  | { kind: 'password' }
  | { kind: 'totp' }
  | { kind: 'enrol'; enrolmentId: string; secret: string; otpauthUri: string };

const ENDED_NOTICES = {
  session_ended: 'signIn.sessionEnded',
  idle: 'signIn.idle',
  signed_out: 'signIn.signedOut',
} as const satisfies Record<SignOutReason, MessageKey>;

const endedNotice = (locale: Locale, ended: string | null): string | null =>
  ended !== null && ended in ENDED_NOTICES ? t(locale, ENDED_NOTICES[ended as SignOutReason]) : null;

/** Email and password, then the TOTP code, or first-time authenticator enrolment. */
export const SignInPage = () => {
  const { api, signedIn } = useSession();
  const { navigate, location } = useRouter();
  const params = useSearchParams();
  const [locale, setLocale] = useLocale();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [pending, setPending] = useState(false);
  const notice = endedNotice(locale, params.get('ended'));
  const selfCheckLink = useLinkProps(SELF_CHECK_PATHS[locale]);

  useEffect(() => {
    document.title = `${t(locale, 'signIn.title')} · ${t(locale, 'app.name')}`;
    document.documentElement.lang = locale;
    return () => {
      document.documentElement.lang = 'en';
    };
  }, [locale]);

  const finish = (me: Me) => {
    signedIn(me);
    if (location.pathname.startsWith('/sign-in'))
      navigate(safeNext(params.get('next') ?? '') ?? homePathFor(me.role), { replace: true });
  };

  const handleResult = (result: LoginResult) => {
    if (result.status === 'signed_in') {
      finish(result.me);
    } else {
      setCode('');
      setStep({
        kind: 'enrol',
        enrolmentId: result.enrolmentId,
        secret: result.secret,
        otpauthUri: result.otpauthUri,
      });
    }
  };

  const attempt = async (action: () => Promise<void>) => {
    setPending(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'MFA_REQUIRED') {
        setCode('');
        setStep({ kind: 'totp' });
      } else if (error instanceof ApiError) {
        setProblem(error.problem);
        if (error.code === 'INVALID_TOTP') setCode('');
      } else {
        throw error;
      }
    } finally {
      setPending(false);
    }
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => handleResult(await api.auth.login({ email: email.trim(), password })));
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (!isSixDigits(code)) {
      setCodeError(t(locale, 'signIn.totp.invalidFormat'));
      return;
    }
    setCodeError(undefined);
    void attempt(async () => {
      if (step.kind === 'enrol') {
        finish((await api.auth.enrolMfa({ enrolmentId: step.enrolmentId, totp: code })).me);
      } else {
        handleResult(await api.auth.login({ email: email.trim(), password, totp: code }));
      }
    });
  };

  const back = () => {
    setStep({ kind: 'password' });
    setProblem(null);
    setCode('');
    setCodeError(undefined);
  };

  return (
    <Box bg="gray.0" mih="100vh" py="xl">
      <Container size={440} component="main" lang={locale}>
        <Group justify="space-between" mb="md">
          <Text fw={700} size="lg" c="indigo.9">
            {t(locale, 'app.name')}
          </Text>
          <LanguageSwitch locale={locale} onChange={setLocale} />
        </Group>
        <Paper withBorder shadow="xs" p="lg" radius="md">
          <Stack gap="md">
            <Title order={1} size="h3">
              {step.kind === 'password'
                ? t(locale, 'signIn.title')
                : step.kind === 'totp'
                  ? t(locale, 'signIn.totp.title')
                  : t(locale, 'signIn.enrol.title')}
            </Title>
            {notice && step.kind === 'password' && !problem && (
              <Alert color="blue" variant="light" role="status">
                {notice}
              </Alert>
            )}
            <ProblemAlert problem={problem} />

            {step.kind === 'password' ? (
              <form onSubmit={submitPassword}>
                <Stack gap="sm">
                  <Text size="sm">{t(locale, 'signIn.intro')}</Text>
                  <TextInput
                    label={t(locale, 'signIn.email')}
                    type="email"
                    autoComplete="username"
                    value={email}
                    onChange={(event) => setEmail(event.currentTarget.value)}
                    required
                    withAsterisk={false}
                    autoFocus
                  />
                  <PasswordInput
                    label={t(locale, 'signIn.password')}
                    autoComplete="current-password"
                    visibilityToggleButtonProps={{ 'aria-label': t(locale, 'signIn.togglePassword') }}
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    required
                    withAsterisk={false}
                  />
                  <Button type="submit" loading={pending} fullWidth mt="xs">
                    {t(locale, 'signIn.submit')}
                  </Button>
                </Stack>
              </form>
            ) : (
              <form onSubmit={submitCode} noValidate>
                <Stack gap="sm">
                  {step.kind === 'enrol' ? (
                    <EnrolmentDetails locale={locale} secret={step.secret} otpauthUri={step.otpauthUri} />
                  ) : (
                    <Text size="sm">{t(locale, 'signIn.totp.help', { app: t(locale, 'app.name') })}</Text>
                  )}
                  <CodeInput locale={locale} value={code} onChange={setCode} error={codeError} />
                  <Group justify="space-between" mt="xs">
                    <Button variant="default" onClick={back} disabled={pending}>
                      {t(locale, 'signIn.back')}
                    </Button>
                    <Button type="submit" loading={pending}>
                      {t(locale, 'signIn.totp.submit')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
        <Text ta="center" mt="lg">
          <Anchor fw={600} c="indigo.9" {...selfCheckLink}>
            {t(locale, 'selfCheck.link')}
          </Anchor>
        </Text>
        <Box mt="lg">
          <CrisisResources locale={locale} />
        </Box>
      </Container>
    </Box>
  );
};
