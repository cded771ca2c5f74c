import { type Static, Type } from '@sinclair/typebox';
import { NOTE_TYPES } from '../notes/noteTypes.js';
import {
  Id,
  IsoDate,
  IsoInstant,
  NonEmpty,
  Nullable,
  Page,
  PageQuery,
  StringEnum,
  Version,
} from './common.js';
import { StaffRef } from './patients.js';
import { SignatureProof, SignatureView } from './signing.js';

export const NoteTypeSchema = StringEnum(NOTE_TYPES);
export const NoteStatusSchema = StringEnum(['draft', 'signed'] as const);

const SectionKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });
/** Section texts by section key; `maxProperties` bounds the object, the template bounds the keys. */
export const SectionTexts = Type.Record(SectionKey, Type.String({ maxLength: 20_000 }), {
  maxProperties: 20,
});
const ObjectiveIds = Type.Array(Id, {
  maxItems: 50,
  description: 'Treatment-plan objectives this note addressed',
});

export const NoteSectionSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  hint: Type.String(),
});

export const NoteTemplateView = Type.Object({
  key: Type.String(),
  noteType: NoteTypeSchema,
  name: Type.String(),
  sections: Type.Array(NoteSectionSchema),
  /** 0 while the clinic uses the template as shipped; then the version of its edit. */
  version: Type.Integer({ minimum: 0 }),
});
export type NoteTemplateView = Static<typeof NoteTemplateView>;
export const NoteTemplateList = Type.Object({ items: Type.Array(NoteTemplateView) });

export const NoteTemplateParams = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }) });
export const SaveNoteTemplateBody = Type.Object(
  {
    /** The version read (0 for a template never edited). */
    version: Type.Integer({ minimum: 0 }),
    name: NonEmpty(80),
    sections: Type.Array(
      Type.Object(
        {
          key: Type.String({ maxLength: 40 }),
          label: Type.String({ maxLength: 80 }),
          hint: Type.String({ maxLength: 300 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type SaveNoteTemplateBody = Static<typeof SaveNoteTemplateBody>;
export type NoteTemplateList = Static<typeof NoteTemplateList>;

export const Addendum = Type.Object({
  id: Id,
  author: StaffRef,
  body: Type.String(),
  createdAt: IsoInstant,
  signature: Nullable(SignatureView),
});
export type Addendum = Static<typeof Addendum>;

export const NoteSummary = Type.Object({
  id: Id,
  patientId: Id,
  noteType: NoteTypeSchema,
  title: Type.String(),
  serviceDate: IsoDate,
  minutes: Nullable(Type.Integer()),
  author: StaffRef,
  status: NoteStatusSchema,
  /** The author's credentials require a supervisor's co-signature and it is not there yet. */
  awaitingCosignature: Type.Boolean(),
  cosigner: Nullable(StaffRef),
  signedAt: Nullable(IsoInstant),
  cosignedAt: Nullable(IsoInstant),
  dueAt: Nullable(IsoInstant),
  late: Type.Boolean(),
  addendumCount: Type.Integer(),
  version: Version,
});
export type NoteSummary = Static<typeof NoteSummary>;

export const Note = Type.Composite([
  NoteSummary,
  Type.Object({
    templateKey: Type.String(),
    sections: Type.Array(NoteSectionSchema, { description: 'The template’s sections, in order' }),
    body: SectionTexts,
    objectiveIds: Type.Array(Id),
    signatures: Type.Array(SignatureView),
    addenda: Type.Array(Addendum),
    /** The caller may edit and sign (author of a draft), co-sign, or add an addendum. */
    mayEdit: Type.Boolean(),
    mayCosign: Type.Boolean(),
    mayAddAddendum: Type.Boolean(),
  }),
]);
export type Note = Static<typeof Note>;

export const NoteListQuery = Type.Object({
  type: Type.Optional(NoteTypeSchema),
  status: Type.Optional(NoteStatusSchema),
  ...PageQuery,
});
export type NoteListQuery = Static<typeof NoteListQuery>;
export const NotePage = Page(NoteSummary);
export type NotePage = Static<typeof NotePage>;

export const CreateNoteBody = Type.Object(
  {
    noteType: NoteTypeSchema,
    templateKey: Type.Optional(Type.String({ maxLength: 40 })),
    serviceDate: IsoDate,
    title: Type.Optional(NonEmpty(200)),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
    /** The session the note documents, when there was one: its roll call. */
    rollCallId: Type.Optional(Id),
    sections: Type.Optional(SectionTexts),
  },
  { additionalProperties: false },
);
export type CreateNoteBody = Static<typeof CreateNoteBody>;

export const SaveNoteBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(NonEmpty(200)),
    serviceDate: Type.Optional(IsoDate),
    minutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600 }))),
    sections: Type.Optional(SectionTexts),
    objectiveIds: Type.Optional(ObjectiveIds),
  },
  { additionalProperties: false },
);
export type SaveNoteBody = Static<typeof SaveNoteBody>;

export const DiscardDraftBody = Type.Object({ version: Version }, { additionalProperties: false });
export type DiscardDraftBody = Static<typeof DiscardDraftBody>;

export const SignNoteBody = Type.Object(
  { version: Version, proof: SignatureProof },
  { additionalProperties: false },
);
export type SignNoteBody = Static<typeof SignNoteBody>;

export const CosignNoteBody = Type.Object({ proof: SignatureProof }, { additionalProperties: false });
export type CosignNoteBody = Static<typeof CosignNoteBody>;

export const AddendumBody = Type.Object(
  { body: NonEmpty(10_000), proof: SignatureProof },
  { additionalProperties: false },
);
export type AddendumBody = Static<typeof AddendumBody>;

// --- Group notes: written once, one signed copy per attendee -------------------------------------

export const GroupNoteAttendee = Type.Object({
  patientId: Id,
  name: Type.String({ description: 'For the author while writing; never copied into a chart' }),
  minutes: Type.Integer(),
  section: Type.String(),
  objectiveIds: Type.Array(Id),
});
export type GroupNoteAttendee = Static<typeof GroupNoteAttendee>;

export const GroupNote = Type.Object({
  id: Id,
  rollCallId: Id,
  seriesId: Id,
  title: Type.String(),
  serviceDate: IsoDate,
  author: StaffRef,
  narrative: Type.String(),
  attendees: Type.Array(GroupNoteAttendee),
  status: NoteStatusSchema,
  signedAt: Nullable(IsoInstant),
  dueAt: Nullable(IsoInstant),
  late: Type.Boolean(),
  /** Attendees the narrative names: the narrative goes into every attendee's chart. */
  namedInNarrative: Type.Array(Id),
  /** The chart notes signing produced, one per attendee. */
  noteIds: Type.Array(Id),
  version: Version,
});
export type GroupNote = Static<typeof GroupNote>;

export const SaveGroupNoteBody = Type.Object(
  {
    version: Version,
    narrative: Type.Optional(Type.String({ maxLength: 20_000 })),
    attendees: Type.Optional(
      Type.Array(
        Type.Object(
          {
            patientId: Id,
            section: Type.String({ maxLength: 5_000 }),
            objectiveIds: Type.Optional(ObjectiveIds),
          },
          { additionalProperties: false },
        ),
        { maxItems: 60 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SaveGroupNoteBody = Static<typeof SaveGroupNoteBody>;

export const SignGroupNoteBody = Type.Object(
  {
    version: Version,
    proof: SignatureProof,
    /** The author has seen the warning that the narrative names an attendee and signs anyway. */
    acknowledgeNamedAttendees: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SignGroupNoteBody = Static<typeof SignGroupNoteBody>;

// --- SUD counseling (process) notes: the author's own ------------------------------------------

export const ProcessNote = Type.Object({
  id: Id,
  patientId: Id,
  serviceDate: IsoDate,
  body: Type.String(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  version: Version,
});
export type ProcessNote = Static<typeof ProcessNote>;
export const ProcessNoteList = Type.Object({ items: Type.Array(ProcessNote) });
export type ProcessNoteList = Static<typeof ProcessNoteList>;
export const CreateProcessNoteBody = Type.Object(
  { serviceDate: IsoDate, body: NonEmpty(20_000) },
  { additionalProperties: false },
);
export type CreateProcessNoteBody = Static<typeof CreateProcessNoteBody>;
export const SaveProcessNoteBody = Type.Object(
  { version: Version, body: NonEmpty(20_000) },
  { additionalProperties: false },
);
export type SaveProcessNoteBody = Static<typeof SaveProcessNoteBody>;

// --- Late notes -----------------------------------------------------------------------------------

export const LateNotesQuery = Type.Object({ siteId: Type.Optional(Id), ...PageQuery });
export type LateNotesQuery = Static<typeof LateNotesQuery>;
export const LateNote = Type.Object({
  kind: StringEnum(['note', 'group_note'] as const),
  id: Id,
  noteType: NoteTypeSchema,
  title: Type.String(),
  serviceDate: IsoDate,
  author: StaffRef,
  dueAt: IsoInstant,
  /** Whole hours since the note fell due, by the server's clock. */
  hoursOverdue: Type.Integer({ minimum: 0 }),
  /** Null for a group note, which is about several patients. */
  patient: Nullable(Type.Object({ id: Id, name: Type.String(), mrn: Type.String() })),
  attendeeCount: Nullable(Type.Integer()),
});
export type LateNote = Static<typeof LateNote>;
export const LateNotePage = Page(LateNote);
export type LateNotePage = Static<typeof LateNotePage>;
