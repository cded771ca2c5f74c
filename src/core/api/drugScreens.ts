import { type Static, Type } from '@sinclair/typebox';
import { ANALYTE_RESULTS, ANALYTES } from '../screens/analytes.js';
import { SCREEN_METHODS, SPECIMENS } from '../screens/panels.js';
import { AlertSeverity } from './alerts.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, StringEnum } from './common.js';
import { StaffRef } from './patients.js';

/** Request and response schemas of drug screens (SPEC §9). Recorded screens are corrected, never edited. */

export const AnalyteResultSchema = Type.Object(
  { analyte: StringEnum(ANALYTES), result: StringEnum(ANALYTE_RESULTS) },
  { additionalProperties: false },
);

const ScreenFields = {
  collectedOn: Type.String({
    format: 'date',
    description: 'Collection date at the site (YYYY-MM-DD); not in the future',
  }),
  specimen: StringEnum(SPECIMENS),
  panel: Type.String({ minLength: 1, maxLength: 40, description: 'Panel code, e.g. urine_cup_12' }),
  method: StringEnum(SCREEN_METHODS),
  refused: Type.Optional(
    Type.Boolean({ description: 'The patient declined to give a specimen: no results' }),
  ),
  results: Type.Array(AnalyteResultSchema, {
    maxItems: 40,
    description: 'One result per analyte of the panel',
  }),
  confirmsScreenId: Type.Optional(
    Nullable(
      Type.String({ format: 'uuid', description: 'The presumptive screen this laboratory result confirms' }),
    ),
  ),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const RecordDrugScreenBody = Type.Object(ScreenFields, { additionalProperties: false });
export type RecordDrugScreenBody = Static<typeof RecordDrugScreenBody>;

export const CorrectDrugScreenBody = Type.Object(
  { ...ScreenFields, reason: NonEmpty(1000, 'Why the recorded screen was wrong') },
  { additionalProperties: false },
);
export type CorrectDrugScreenBody = Static<typeof CorrectDrugScreenBody>;

export const DrugScreenParams = Type.Object({ id: Id, screenId: Id });

const Analyte = StringEnum(ANALYTES);

export const ScreenInterpretationSchema = Type.Object({
  specimenRefused: Type.Boolean(),
  unexpectedPositives: Type.Array(Analyte),
  explainedPositives: Type.Array(Type.Object({ analyte: Analyte, medicationIds: Type.Array(Type.String()) })),
  expectedNegatives: Type.Array(
    Type.Object({
      medicationId: Type.String(),
      medicationName: Type.String(),
      label: Type.String(),
      analytes: Type.Array(Analyte),
    }),
  ),
  notTested: Type.Array(
    Type.Object({ medicationId: Type.String(), medicationName: Type.String(), label: Type.String() }),
  ),
  specimenIssues: Type.Array(AnalyteResultSchema),
  needsReview: Type.Boolean(),
});

/** One recorded version of a screen: the first record, or a correction of the one before. */
const DrugScreenVersion = Type.Object({
  id: Id,
  collectedOn: IsoDate,
  specimen: StringEnum(SPECIMENS),
  panel: Type.String(),
  panelName: Type.String(),
  method: StringEnum(SCREEN_METHODS),
  refused: Type.Boolean(),
  results: Type.Array(AnalyteResultSchema),
  notes: Nullable(Type.String()),
  /** The reading when this version was recorded, against the medications on the collection date. */
  interpretation: ScreenInterpretationSchema,
  /** Set on a correction: why the version before was wrong. */
  correctionReason: Nullable(Type.String()),
  recordedBy: StaffRef,
  recordedAt: IsoInstant,
});
export type DrugScreenVersion = Static<typeof DrugScreenVersion>;

export const DrugScreen = Type.Composite([
  DrugScreenVersion,
  Type.Object({
    patientId: Id,
    /** The screen's first record: stays the same through corrections. */
    originalId: Id,
    /** The presumptive screen this laboratory result confirms (its first record's id). */
    confirms: Nullable(Type.Object({ originalId: Id, collectedOn: IsoDate })),
    /** Laboratory results confirming this screen. */
    confirmedBy: Type.Array(Type.Object({ id: Id, collectedOn: IsoDate })),
    /** Earlier versions, newest first; empty when never corrected. */
    history: Type.Array(DrugScreenVersion),
  }),
]);
export type DrugScreen = Static<typeof DrugScreen>;

export const DrugScreenList = Type.Object({ items: Type.Array(DrugScreen), today: IsoDate });
export type DrugScreenList = Static<typeof DrugScreenList>;

export const RecordedDrugScreen = Type.Object({
  screen: DrugScreen,
  alertsRaised: Type.Array(
    Type.Object({
      id: Id,
      kind: Type.String(),
      severity: AlertSeverity,
      title: Type.String(),
      recipient: StaffRef,
      /** An open alert from an earlier version of this screen was still open and stands for this one too. */
      alreadyOpen: Type.Boolean(),
    }),
  ),
});
export type RecordedDrugScreen = Static<typeof RecordedDrugScreen>;
