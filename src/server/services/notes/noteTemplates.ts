import { randomUUID } from 'node:crypto';
import type { NoteTemplateView, SaveNoteTemplateBody } from '../../../core/api/notes.js';
import { DomainError } from '../../../core/errors/domainError.js';
import { mayEditNoteTemplates, templateSectionProblems } from '../../../core/notes/templateRules.js';
import { recordAudit } from '../../../db/audit.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, denyAndAudit } from '../access.js';
import { noteTemplate } from './noteData.js';

/** The clinic edits a template's name and sections; notes written before keep their own sections. */
export const saveNoteTemplate = async (
  deps: AppDeps,
  ctx: RequestContext,
  key: string,
  body: SaveNoteTemplateBody,
): Promise<NoteTemplateView> => {
  if (!mayEditNoteTemplates(ctx.actor.role))
    await denyAndAudit(
      deps,
      ctx,
      'note_template.update',
      'Administrators, directors and supervisors edit note templates.',
    );
  const current = await noteTemplate(deps.db.kysely, key);
  if (!current) throw new DomainError('NOT_FOUND', 'No such note template.');
  const sections = body.sections.map((s) => ({ key: s.key, label: s.label.trim(), hint: s.hint.trim() }));
  const fields = templateSectionProblems(sections);
  if (fields.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      fields.map((f) => `${f.field.slice(1)} ${f.message}`).join('; '),
      { fields },
    );
  if (body.version !== current.version)
    throw new DomainError(
      'STALE_VERSION',
      'Someone else changed this template since you opened it. Reload to see their changes.',
      {
        extra: { currentVersion: current.version },
      },
    );
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const values = {
      name: body.name.trim(),
      sections: JSON.stringify(sections),
      updated_by: ctx.actor.userId,
      updated_at: now.toISOString(),
      version: current.version + 1,
    };
    if (current.version === 0) {
      await trx
        .insertInto('note_templates')
        .values({ id: randomUUID(), key, note_type: current.noteType, active: 1, ...values })
        .execute();
    } else {
      const result = await trx
        .updateTable('note_templates')
        .set(values)
        .where('key', '=', key)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw new DomainError('STALE_VERSION', 'Someone else changed this template since you opened it.', {
          extra: { currentVersion: current.version },
        });
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'note_template.update',
        patientIds: [],
        recordType: 'note_template',
        recordId: key,
        detail: { version: current.version + 1, sections: sections.map((s) => s.key) },
      },
      now,
    );
  });
  const saved = await noteTemplate(deps.db.kysely, key);
  if (!saved) throw new DomainError('NOT_FOUND', 'No such note template.');
  return saved;
};
