import { describe, expect, it } from 'vitest';
// The API's own description: the enums an audit entry's action and entity come from.
import openapi from '../../../docs/openapi.json';
import { translator } from '../i18n';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  AUDIT_FIELDS,
  actionLabel,
  adminPageOf,
  auditFilterDateError,
  auditFilterFromForm,
  auditFilterFromSearch,
  auditValueFormat,
  entityLabel,
  entityOptions,
  fieldLabel,
  objectText,
  searchFromAuditFilter,
} from './audit';
import { diffObjects, valueText } from './diff';
import { matchRoute } from './routes';

interface Schema {
  properties: Record<string, { enum?: string[] }>;
}
const spec = openapi as unknown as {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
};
const entrySchema = spec.components.schemas.AuditEntry!;
const nl = translator('nl');
const en = translator('en');

describe('audit log: every action and kind has words', () => {
  const actions = entrySchema.properties.action!.enum!;
  const entities = entrySchema.properties.entity!.enum!;

  it('knows exactly the actions and kinds of docs/openapi.json', () => {
    expect([...AUDIT_ACTIONS].sort()).toEqual([...actions].sort());
    expect([...AUDIT_ENTITIES].sort()).toEqual([...entities].sort());
  });

  it('names every action in Dutch and English', () => {
    for (const a of actions) {
      for (const t of [nl, en]) {
        const label = actionLabel(t, a);
        expect(label, a).not.toBe(a);
        expect(label.trim(), a).not.toBe('');
      }
    }
    expect(actionLabel(nl, 'verify')).toBe('Bevestigd als juist');
    expect(actionLabel(nl, 'import')).toBe('Geïmporteerd');
    expect(actionLabel(nl, 'delete')).toBe('Verwijderd');
    expect(actionLabel(en, 'verify')).toBe('Confirmed as correct');
  });

  it('names every kind of record in Dutch and English, each differently', () => {
    for (const t of [nl, en]) {
      const labels = entities.map((e) => entityLabel(t, e));
      entities.forEach((e, i) => {
        expect(labels[i], e).not.toBe(e);
        expect(labels[i], e).not.toMatch(/_/);
      });
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(entityLabel(nl, 'knowledge_item')).toBe('Kennisbankitem');
    expect(entityLabel(nl, 'sensemaking_action')).toBe('Actie (duiding)');
    expect(entityLabel(nl, 'case')).toBe('Casus');
    expect(entityLabel(nl, 'receipt')).toBe('Kassabon');
    expect(entityLabel(nl, 'story')).toBe('Verhaal');
    expect(entityLabel(nl, 'report_text')).toBe('Jaarverslagtekst');
  });

  it('filters on every kind the list parameter takes', () => {
    const param = spec.paths['/api/v1/audit']!.get.parameters.find((p) => p.name === 'entity')!;
    for (const e of param.schema.enum ?? []) expect(AUDIT_ENTITIES as readonly string[], e).toContain(e);
  });

  it('offers the kinds sorted by their label', () => {
    const options = entityOptions(nl, 'nl');
    expect(options).toHaveLength(AUDIT_ENTITIES.length);
    const labels = options.map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(options.find((o) => o.value === 'knowledge_item')?.label).toBe('Kennisbankitem');
  });

  it('leaves an action or kind it does not know as it is', () => {
    expect(actionLabel(nl, 'archive')).toBe('archive');
    expect(entityLabel(nl, 'something_new')).toBe('something_new');
  });
});

describe('audit log: the object column', () => {
  it('names the record by its label, else by its id', () => {
    expect(objectText(nl, { entity: 'knowledge_item', entity_id: '5', label: 'Oplossingsgericht werken' })).toEqual({
      kind: 'Kennisbankitem',
      name: 'Oplossingsgericht werken',
    });
    expect(objectText(nl, { entity: 'sensemaking_action', entity_id: '4', label: '' })).toEqual({
      kind: 'Actie (duiding)',
      name: '#4',
    });
    expect(objectText(nl, { entity: 'team', entity_id: '4' })).toEqual({ kind: 'Team', name: '#4' });
  });

  it('shows no id for a log-in or the settings', () => {
    expect(objectText(nl, { entity: 'session', entity_id: '11', label: '' }).name).toBeNull();
    expect(objectText(nl, { entity: 'organisation_settings', entity_id: '1', label: '' }).name).toBeNull();
  });

  it('links only to pages an administrator can open, and those exist', () => {
    expect(adminPageOf('user')).toBe('/beheer/gebruikers');
    expect(adminPageOf('team')).toBe('/beheer/teams');
    expect(adminPageOf('programme')).toBe('/beheer/programmas');
    expect(adminPageOf('list_value')).toBe('/beheer/keuzelijsten');
    for (const e of AUDIT_ENTITIES) {
      const page = adminPageOf(e);
      if (page) expect(matchRoute(page)?.page, e).toBeTruthy();
    }
    for (const e of [
      'case',
      'receipt',
      'story',
      'sensemaking_session',
      'sensemaking_action',
      'knowledge_item',
      'best_practice',
      'report_text',
    ]) {
      expect(adminPageOf(e), e).toBeNull();
    }
  });
});

describe('audit log: field labels', () => {
  it('labels the fields the snapshots hold, in both languages', () => {
    for (const f of [
      'name',
      'title',
      'email',
      'roles',
      'team_ids',
      'active',
      'status',
      'reference',
      'review_by',
      'draft_version',
      'owner_id',
      'category',
      'tags',
      'due_date',
      'outcome',
    ]) {
      expect(AUDIT_FIELDS, f).toContain(f);
    }
    for (const f of AUDIT_FIELDS) {
      expect(fieldLabel(nl, f), f).not.toBe(f);
      expect(fieldLabel(en, f), f).not.toBe(f);
    }
    expect(fieldLabel(nl, 'review_by')).toBe('Herzien vóór');
    expect(fieldLabel(nl, 'draft_version')).toBe('Conceptversie');
    expect(fieldLabel(nl, 'owner_id')).toBe('Eigenaar (id)');
  });

  it('labels a nested field by both parts, and leaves an unknown field as it is', () => {
    expect(fieldLabel(nl, 'version.title')).toBe('Versie › Titel');
    expect(fieldLabel(nl, 'something_new')).toBe('something_new');
  });

  it('takes a knowledge item apart so the changed title shows, keeping references whole', () => {
    const before = {
      status: 'concept',
      version: { version: 1, title: 'Oud', tags: ['a'] },
      team: { id: 3, name: 'Noord' },
    };
    const after = {
      status: 'concept',
      version: { version: 1, title: 'Nieuw', tags: ['a'] },
      team: { id: 4, name: 'Zuid' },
    };
    expect(diffObjects(before, after)).toEqual([
      { field: 'version.title', before: 'Oud', after: 'Nieuw' },
      { field: 'team', before: { id: 3, name: 'Noord' }, after: { id: 4, name: 'Zuid' } },
    ]);
  });

  it('writes a receipt’s lines with labels and amounts in euros', () => {
    const format = auditValueFormat(nl);
    const lines = [{ category_id: 3, payer_id: 5, description: 'Huur', amount_cents: 120000 }];
    expect(valueText(lines, ['ja', 'nee'], format, 'oud')).toBe(
      'Kostensoort (id): 3, Betaler (id): 5, Omschrijving: Huur, Bedrag per jaar: € 1.200',
    );
    expect(valueText(250050, ['ja', 'nee'], format, 'amount_cents')).toBe('€ 2.500,50');
    expect(
      valueText([
        { id: 1, name: 'Noord' },
        { id: 2, name: 'Zuid' },
      ]),
    ).toBe('Noord, Zuid');
  });
});

describe('audit log: the filter in the URL', () => {
  it('reads and writes the filter', () => {
    const f = { actor: '11', entity: 'team', from: '2026-12-01', to: '2026-12-07' };
    const s = searchFromAuditFilter(f);
    expect(s).toBe('?persoon=11&soort=team&van=2026-12-01&tot=2026-12-07');
    expect(auditFilterFromSearch(s)).toEqual(f);
    expect(searchFromAuditFilter({ actor: '', entity: '', from: '', to: '' })).toBe('');
  });

  it('leaves out what it does not know', () => {
    expect(auditFilterFromSearch('?persoon=x&soort=nope&van=2026-02-30&tot=morgen')).toEqual({
      actor: '',
      entity: '',
      from: '',
      to: '',
    });
  });

  it('refuses an end before the start', () => {
    expect(auditFilterDateError({ actor: '', entity: '', from: '2026-12-07', to: '2026-12-01' })).toEqual({
      field: 'to',
      key: 'audit.filter.toBeforeFrom',
    });
    expect(auditFilterDateError({ actor: '', entity: '', from: '2026-12-01', to: '2026-12-01' })).toBeNull();
    expect(auditFilterDateError({ actor: '', entity: '', from: '2026-13-01', to: '' })?.field).toBe('from');
  });

  it('reads the dates as typed (dd-mm-jjjj or ISO) into ISO dates for the address', () => {
    const f = { actor: '3', entity: 'team', from: '1-12-2026', to: ' 07-12-2026 ' };
    expect(auditFilterFromForm(f)).toEqual({
      filter: { actor: '3', entity: 'team', from: '2026-12-01', to: '2026-12-07' },
    });
    expect(auditFilterFromForm({ ...f, from: '2026-12-01', to: '' })).toEqual({
      filter: { actor: '3', entity: 'team', from: '2026-12-01', to: '' },
    });
    expect(auditFilterFromForm({ ...f, from: '31-11-2026' })).toEqual({ field: 'from', key: 'common.dateInvalid' });
    expect(auditFilterFromForm({ ...f, to: '07-13-2026' })).toEqual({ field: 'to', key: 'common.dateInvalid' });
    expect(auditFilterFromForm({ ...f, from: '08-12-2026' })).toEqual({
      field: 'to',
      key: 'audit.filter.toBeforeFrom',
    });
  });
});
