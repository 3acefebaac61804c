// /beheer/audit — the append-only audit log, newest first by the time of the change,
// 50 at a time ("Meer laden" asks for the entries after the last one shown, with the
// same filter). The filter (person, kind of record, a range of days) lives in the URL
// (lib/audit.ts), so a filtered view can be linked. Actions, kinds and fields are in
// words; a record is named by its own name, linked where an administrator can see it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { Translate } from '../../i18n';
import { api, type AuditEntry, type Me, type User } from '../../lib/api';
import {
  actionLabel,
  adminPageOf,
  auditFilterFromForm,
  auditFilterFromSearch,
  auditValueFormat,
  entityLabel,
  entityOptions,
  fieldLabel,
  objectText,
  searchFromAuditFilter,
  type AuditFilter,
} from '../../lib/audit';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { USERS_LIMIT_MAX } from '../../lib/users';
import { dateInputValue, formatDate, formatDateTime } from '../../lib/format';
import { diffObjects, valueText, type ValueFormat } from '../../lib/diff';
import { navigate, useFormFromSearch, useSearch } from '../../lib/router';
import { DataTable, TableHead } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { DateField, SelectField } from '../../components/Field';
import { Link } from '../../components/Link';

const PAGE_SIZE = 50;
const PATH = '/beheer/audit';

/** The filter in words for the table's caption: "Team, Fatima Bakker, 01-12-2026 t/m 07-12-2026". */
function filterWords(f: AuditFilter, people: User[], t: Translate, lang: 'nl' | 'en'): string[] {
  const parts: string[] = [];
  if (f.entity) parts.push(entityLabel(t, f.entity));
  if (f.actor) parts.push(people.find((u) => String(u.id) === f.actor)?.name ?? `#${f.actor}`);
  const from = formatDate(f.from, lang);
  const to = formatDate(f.to, lang);
  if (f.from && f.to) parts.push(t('audit.filter.rangeBoth', { from, to }));
  else if (f.from) parts.push(t('audit.filter.rangeFrom', { from }));
  else if (f.to) parts.push(t('audit.filter.rangeTo', { to }));
  return parts;
}

export function AuditPage(_props: { me: Me }) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const applied = useMemo(() => auditFilterFromSearch(search), [search]);
  // The form holds the dates as typed (dd-mm-jjjj); the address and the API take ISO.
  const [form, setForm] = useFormFromSearch<AuditFilter>(search, () => ({
    ...applied,
    from: dateInputValue(applied.from),
    to: dateInputValue(applied.to),
  }));
  const [people, setPeople] = useState<User[]>([]);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  /** The filter the entries shown were read with (the URL changes before they arrive). */
  const [shownFor, setShownFor] = useState<AuditFilter>(applied);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<'from' | 'to', string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped by "Filteren" on the filter already shown, to read the log again. */
  const [reload, setReload] = useState(0);
  const moreRef = useRef<HTMLButtonElement>(null);
  const firstLoad = useRef(true);

  // The person filter's choices: the server's largest page (500 by name). An organisation
  // with more users gets the first 500 to choose from; a person beyond them still filters
  // by a link (?persoon=<id>, shown as #id).
  useEffect(() => {
    api.users({ limit: USERS_LIMIT_MAX }).then(
      (list) => setPeople([...list.items].sort((a, b) => a.name.localeCompare(b.name, lang))),
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const params = (f: AuditFilter, before: number | null) => ({
    limit: PAGE_SIZE,
    before,
    entity: f.entity || undefined,
    actor: f.actor ? Number(f.actor) : undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  });

  const showError = (err: unknown) => {
    const shown = describeError(err, t, lang);
    const placed = { from: shown.fields.from, to: shown.fields.to };
    setFieldErrors(placed);
    setError(messageWithUnplaced(shown, ['from', 'to']));
  };

  // The first page, again whenever the filter in the URL changes.
  const announce = useRef(false);
  const loading = useLoad(
    () => {
      announce.current = !firstLoad.current || search !== '';
      firstLoad.current = false;
      return api.audit(params(applied, null));
    },
    [search, reload],
    {
      ok: (page) => {
        setEntries(page.items);
        setShownFor(applied);
        setNextBefore(page.next_before ?? null);
        setError(null);
        setFieldErrors({});
        if (announce.current) {
          setStatus(
            `${t('audit.loadedCount', { count: page.items.length })}${page.next_before == null ? ` ${t('audit.noMore')}` : ''}`,
          );
        }
      },
      fail: showError,
    },
  );

  const onFilter = (e: Event) => {
    e.preventDefault();
    const read = auditFilterFromForm(form);
    if ('field' in read) {
      setFieldErrors({ [read.field]: t(read.key) });
      requestAnimationFrame(() => document.getElementById(`audit-${read.field}`)?.focus());
      return;
    }
    setFieldErrors({});
    const next = searchFromAuditFilter(read.filter);
    if (next === search) setReload((n) => n + 1);
    else navigate(`${PATH}${next}`);
  };
  const onReset = () => navigate(PATH);

  const onMore = async () => {
    if (nextBefore === null) return;
    setBusy(true);
    try {
      const page = await api.audit(params(shownFor, nextBefore));
      const list = [...(entries ?? []), ...page.items];
      setEntries(list);
      setNextBefore(page.next_before ?? null);
      setError(null);
      setStatus(
        `${t('audit.loadedCount', { count: list.length })}${page.next_before == null ? ` ${t('audit.noMore')}` : ''}`,
      );
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
    // The button may have gone (no more pages): keep focus somewhere sensible.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) moreRef.current?.focus();
    });
  };

  const set =
    <K extends keyof AuditFilter>(key: K) =>
    (value: AuditFilter[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const format = auditValueFormat(t);
  const personOptions = people.map((u) => ({
    value: String(u.id),
    label: u.active ? u.name : t('audit.filter.inactive', { name: u.name }),
  }));
  if (form.actor && !people.some((u) => String(u.id) === form.actor))
    personOptions.push({ value: form.actor, label: `#${form.actor}` });
  const shownFilter = filterWords(shownFor, people, t, lang);

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('audit.intro')}</p>

      <form
        class="utrecht-form wk-filter wk-filter--help"
        onSubmit={onFilter}
        aria-label={t('audit.filter.label')}
        noValidate
      >
        <SelectField
          id="audit-actor"
          label={t('audit.filter.actor')}
          value={form.actor}
          onValue={set('actor')}
          placeholder={t('audit.filter.allActors')}
          options={personOptions}
        />
        <SelectField
          id="audit-entity"
          label={t('audit.filter.entity')}
          value={form.entity}
          onValue={set('entity')}
          placeholder={t('audit.filter.all')}
          options={entityOptions(t, lang)}
        />
        <DateField
          id="audit-from"
          label={t('audit.filter.from')}
          description={t('common.dateHelp')}
          value={form.from}
          onValue={set('from')}
          error={fieldErrors.from}
        />
        <DateField
          id="audit-to"
          label={t('audit.filter.to')}
          description={t('common.dateHelp')}
          value={form.to}
          onValue={set('to')}
          error={fieldErrors.to}
        />
        <div class="wk-filter__submit">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('audit.filter.submit')}
          </button>
          {search ? (
            <button type="button" class="utrecht-button utrecht-button--subtle wk-button--plain" onClick={onReset}>
              {t('audit.filter.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <LiveRegions error={error} status={status} />

      {entries === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy || loading ? 'true' : undefined}>
          <DataTable
            id="audit"
            tableClass="wk-audit"
            caption={shownFilter.length ? `${t('audit.caption')}: ${shownFilter.join(', ')}` : t('audit.caption')}
            columns={[
              { key: 'at', label: t('audit.col.at') },
              { key: 'actor', label: t('audit.col.actor') },
              { key: 'action', label: t('audit.col.action') },
              { key: 'object', label: t('audit.col.object') },
              { key: 'changes', label: t('audit.col.changes') },
            ]}
            empty={t('audit.empty')}
            rows={entries}
            renderRow={(e) => (
              <tr class="utrecht-table__row" key={e.id} data-audit-id={e.id}>
                <th scope="row" class="utrecht-table__header-cell wk-nowrap">
                  <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
                </th>
                <td class="utrecht-table__cell">{e.actor?.name ?? t('audit.system')}</td>
                <td class="utrecht-table__cell">{actionLabel(t, e.action)}</td>
                <td class="utrecht-table__cell" data-entity={e.entity}>
                  <ObjectCell entry={e} t={t} />
                </td>
                <td class="utrecht-table__cell">
                  <Changes entry={e} yesNo={yesNo} format={format} />
                </td>
              </tr>
            )}
          />
        </div>
      )}

      {entries !== null && nextBefore !== null ? (
        <div class="utrecht-button-group wk-button-row">
          <button
            ref={moreRef}
            type="button"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={onMore}
            aria-busy={busy || loading ? 'true' : undefined}
          >
            {t('audit.more')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** "Kennisbankitem ‘Oplossingsgericht werken’"; the name a link where an administrator can see the record. */
function ObjectCell({ entry, t }: { entry: AuditEntry; t: Translate }) {
  const { kind, name } = objectText(t, entry);
  const page = adminPageOf(entry.entity);
  if (!name) return page ? <Link href={page}>{kind}</Link> : <>{kind}</>;
  const quoted = entry.label ? `‘${name}’` : name;
  return (
    <>
      {kind} {page ? <Link href={page}>{quoted}</Link> : <span class="wk-audit__name">{quoted}</span>}
    </>
  );
}

function Changes({ entry, yesNo, format }: { entry: AuditEntry; yesNo: [string, string]; format: ValueFormat }) {
  const { t } = useI18n();
  if (entry.before == null && entry.after == null) return <>{t('common.none')}</>;
  const changes = diffObjects(entry.before, entry.after);
  const summary = changes.length ? changes.map((c) => fieldLabel(t, c.field)).join(', ') : t('audit.noChanges');
  return (
    <details class="wk-details">
      <summary>
        {t('audit.details')}
        <span class="wk-muted">: {summary}</span>
      </summary>
      {changes.length ? (
        <table class="utrecht-table utrecht-table--html-table wk-diff">
          <caption class="utrecht-table__caption wk-visually-hidden">{t('audit.diffCaption')}</caption>
          <TableHead
            columns={[
              { key: 'field', label: t('audit.field') },
              { key: 'before', label: t('audit.before') },
              { key: 'after', label: t('audit.after') },
            ]}
          />
          <tbody class="utrecht-table__body">
            {changes.map((c) => (
              <tr class="utrecht-table__row" key={c.field} data-field={c.field}>
                <th scope="row" class="utrecht-table__header-cell">
                  {fieldLabel(t, c.field)}
                </th>
                <td class="utrecht-table__cell wk-diff__before">
                  {valueText(c.before, yesNo, format, lastPart(c.field))}
                </td>
                <td class="utrecht-table__cell wk-diff__after">
                  {valueText(c.after, yesNo, format, lastPart(c.field))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details class="wk-details wk-details--nested">
        <summary>{t('audit.json')}</summary>
        <pre class="utrecht-code-block wk-json">
          <code>{JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}</code>
        </pre>
      </details>
    </details>
  );
}

function lastPart(field: string): string {
  const dot = field.lastIndexOf('.');
  return dot < 0 ? field : field.slice(dot + 1);
}
