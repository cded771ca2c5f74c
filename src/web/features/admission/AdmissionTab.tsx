import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { CoverageSection } from '../intake/CoverageSection.js';
import { DiagnosesSection } from './DiagnosesSection.js';
import { OverdoseSafetyCard, OverdoseSafetyPrompt } from './OverdoseSafetyCard.js';
import { PaperworkChecklist } from './PaperworkChecklist.js';

const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <section aria-labelledby={id}>
    <Title order={2} size="h4" id={id} mb="xs">
      {title}
    </Title>
    {children}
  </section>
);

/** Diagnoses and overdose safety, with the prompt when an opioid use disorder has no overdose-safety record. */
const ClinicalSections = ({ patient, paperwork }: { patient: Patient; paperwork: ReactNode }) => {
  const api = useApi();
  const me = useMe();
  const diagnoses = useResource((signal) => api.admission.diagnoses(patient.id, signal), [api, patient.id]);
  const overdose = useResource(
    (signal) => api.admission.overdoseSafety(patient.id, signal),
    [api, patient.id],
  );
  const view = overdose.state.data;

  return (
    <Stack gap="xl">
      {view?.needsDocumentation && <OverdoseSafetyPrompt />}
      {paperwork}
      <Section id="diagnoses-heading" title="Diagnoses">
        <DiagnosesSection
          patient={patient}
          diagnoses={diagnoses}
          roleMayWrite={roleMay(me.role, 'diagnosis.write')}
          onChanged={overdose.reload}
        />
      </Section>
      {(overdose.state.status === 'error' || view?.opioidUseDisorder || view?.record) && (
        <Section id="overdose-safety-heading" title="Overdose safety">
          <AsyncState state={overdose.state} what="overdose safety" onRetry={overdose.reload}>
            {(loaded) => (
              <OverdoseSafetyCard
                key={loaded.record?.version ?? 0}
                patient={patient}
                view={loaded}
                canWrite={roleMay(me.role, 'safety.document')}
                onSaved={overdose.setData}
                onStale={overdose.reload}
              />
            )}
          </AsyncState>
        </Section>
      )}
    </Stack>
  );
};

/** The chart's Admission tab: paperwork checklist, coverage, diagnoses and overdose safety (SPEC §2). */
export const AdmissionTab = ({ patient }: { patient: Patient }) => {
  const me = useMe();
  const paperwork = (
    <>
      {roleMay(me.role, 'paperwork.read') && (
        <Section id="paperwork-heading" title="Admission paperwork">
          <PaperworkChecklist patient={patient} canWrite={roleMay(me.role, 'paperwork.write')} />
        </Section>
      )}
      {roleMay(me.role, 'coverage.read') && (
        <CoverageSection
          owner={{ kind: 'patient', id: patient.id }}
          editable={roleMay(me.role, 'coverage.write')}
        />
      )}
    </>
  );
  if (!roleMay(me.role, 'diagnosis.read')) return <Stack gap="xl">{paperwork}</Stack>;
  return <ClinicalSections patient={patient} paperwork={paperwork} />;
};
