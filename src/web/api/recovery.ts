import type {
  CorrectDrugScreenBody,
  DrugScreenList,
  RecordDrugScreenBody,
  RecordedDrugScreen,
} from '../../core/api/drugScreens.js';
import type {
  CreateMedicationBody,
  Medication,
  MedicationList,
  RemoveMedicationBody,
  StopMedicationBody,
  UpdateMedicationBody,
} from '../../core/api/medications.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** A patient's medications (MAT included). */
export const createMedicationsApi = (http: Http) => ({
  list: (patientId: string, signal?: AbortSignal) =>
    http.get<MedicationList>(`/patients/${seg(patientId)}/medications`, undefined, signal),
  create: (patientId: string, body: CreateMedicationBody) =>
    http.post<Medication>(`/patients/${seg(patientId)}/medications`, body),
  update: (patientId: string, medicationId: string, body: UpdateMedicationBody) =>
    http.patch<Medication>(`/patients/${seg(patientId)}/medications/${seg(medicationId)}`, body),
  stop: (patientId: string, medicationId: string, body: StopMedicationBody) =>
    http.post<Medication>(`/patients/${seg(patientId)}/medications/${seg(medicationId)}/stop`, body),
  remove: (patientId: string, medicationId: string, body: RemoveMedicationBody) =>
    http.post<unknown>(`/patients/${seg(patientId)}/medications/${seg(medicationId)}/entered-in-error`, body),
});

/** A patient's drug screens. */
export const createDrugScreensApi = (http: Http) => ({
  list: (patientId: string, signal?: AbortSignal) =>
    http.get<DrugScreenList>(`/patients/${seg(patientId)}/drug-screens`, undefined, signal),
  record: (patientId: string, body: RecordDrugScreenBody) =>
    http.post<RecordedDrugScreen>(`/patients/${seg(patientId)}/drug-screens`, body),
  correct: (patientId: string, screenId: string, body: CorrectDrugScreenBody) =>
    http.post<RecordedDrugScreen>(
      `/patients/${seg(patientId)}/drug-screens/${seg(screenId)}/corrections`,
      body,
    ),
});
