import { Button, Group, Stack, Text } from '@mantine/core';
import type { Patient } from '../../../core/api/patients.js';
import type { PlanVersion } from '../../../core/api/recovery.js';
import { formatPhone } from '../../../core/recovery/phone.js';
import { type ItemSection, SECTION_LABELS } from '../../../core/recovery/relapsePlan.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSearchParams } from '../../router.js';
import { useApi } from '../../session/SessionProvider.js';
import classes from './PlanPrint.module.css';
import { RelapsePlanPdfLink } from './RelapsePlanPdfLink.js';

const Section = ({ section, items }: { section: ItemSection; items: string[] }) =>
  items.length === 0 ? null : (
    <section>
      <h2>{SECTION_LABELS[section]}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </section>
  );

/**
 * The plan on paper, in plain language for the patient to keep: every section, the people to call
 * with their numbers, and the crisis lines in a box that stands out. Carries the date and version so
 * an old copy can be told from the current one.
 */
const PrintSheet = ({ patient, version }: { patient: Patient; version: PlanVersion }) => {
  const c = version.content;
  const name = patient.preferredName ?? patient.firstName;
  return (
    <div className={classes.sheet}>
      <PageTitle documentTitle="Relapse prevention plan">
        {`${name} ${patient.lastName}: my relapse prevention plan`}
      </PageTitle>
      <Text size="sm" mt={4}>
        Version {version.versionNumber}, written {formatInstant(version.savedAt, patient.siteTimeZone)} with{' '}
        {version.savedBy.displayName} at {patient.siteName}.
      </Text>
      <Section section="triggers" items={c.triggers} />
      <Section section="warningSigns" items={c.warningSigns} />
      <Section section="copingStrategies" items={c.copingStrategies} />
      {(c.supportContacts.length > 0 || c.otherSupports.length > 0) && (
        <section>
          <h2>{SECTION_LABELS.supportContacts}</h2>
          <ul>
            {c.supportContacts.map((p) => (
              <li key={p.contactId}>
                {p.name} ({p.relationship}): {formatPhone(p.phone)}
              </li>
            ))}
            {c.otherSupports.map((s, i) => (
              <li key={`o${i}`}>{s}</li>
            ))}
          </ul>
        </section>
      )}
      <Section section="crisisSteps" items={c.crisisSteps} />
      <section className={classes.crisis} aria-label="Crisis lines">
        <h2 style={{ marginTop: 0 }}>If you are in danger or thinking of harming yourself</h2>
        <ul>
          {c.crisisLines.map((l) => (
            <li key={l.number}>
              {l.name}: <strong>{formatPhone(l.number)}</strong>
            </li>
          ))}
          <li>
            Emergency: <strong>911</strong>
          </li>
        </ul>
      </section>
      <Section section="reasonsForRecovery" items={c.reasonsForRecovery} />
      <p className={classes.footer}>
        This plan is yours. Keep it somewhere you can find it, and bring it to your sessions so we can update
        it together.
      </p>
    </div>
  );
};

/** `/patients/:id/recovery/print[?version=N]`: the current plan, or one version of it, ready to print. */
export const RelapsePlanPrintPage = ({ patientId }: { patientId: string }) => {
  const api = useApi();
  const search = useSearchParams();
  const asked = Number(search.get('version'));
  const wanted = Number.isInteger(asked) && asked > 0 ? asked : null;
  const data = useResource(
    async (signal) => {
      const patient = await api.patients.get(patientId, signal);
      if (wanted !== null)
        return { patient, version: await api.recovery.planVersion(patientId, wanted, signal) };
      const plan = await api.recovery.plan(patientId, signal);
      return { patient, version: plan.current };
    },
    [api, patientId, wanted],
  );
  return (
    <Stack gap="sm">
      <Group className={classes.noPrint} gap="sm">
        <TextLink to={`/patients/${patientId}/recovery`}>Back to the chart</TextLink>
        <Button size="xs" onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <AsyncState state={data.state} what="plan" onRetry={data.reload}>
        {({ patient, version }) =>
          version ? (
            <>
              <Group className={classes.noPrint}>
                <RelapsePlanPdfLink patientId={patient.id} versionNumber={version.versionNumber} />
              </Group>
              <PrintSheet patient={patient} version={version} />
            </>
          ) : (
            <>
              <PageTitle>Relapse prevention plan</PageTitle>
              <Text>There is no relapse prevention plan to print yet.</Text>
            </>
          )
        }
      </AsyncState>
    </Stack>
  );
};
