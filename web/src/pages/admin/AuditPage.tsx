// /beheer/audit — the append-only audit log, newest first, 50 at a time ("Meer laden"
// asks for the entries before the last one shown), filterable by kind of object.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { api, type AuditEntry, type Me } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { diffObjects, valueText } from '../../lib/diff';
import { DataTable, TableHead } from '../../components/DataTable';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { SelectField } from '../../components/Field';

export const AUDIT_ENTITIES = ['organisation', 'organisation_settings', 'district', 'team', 'user', 'session'] as const;
const PAGE_SIZE = 50;

function known(prefix: string, value: string, t: (k: MessageKey) => string): string {
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

export function AuditPage(_props: { me: Me }) {
  const { t, lang } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [entity, setEntity] = useState('');
  const [applied, setApplied] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const moreRef = useRef<HTMLButtonElement>(null);

  const load = async (filter: string, before: number | null) => {
    setBusy(true);
    try {
      const page = await api.audit({ limit: PAGE_SIZE, before, entity: filter || undefined });
      const list = before === null ? page.items : [...(entries ?? []), ...page.items];
      setEntries(list);
      setNextBefore(page.next_before ?? null);
      setError(null);
      if (before !== null || filter !== applied) {
        setStatus(
          `${t('audit.loadedCount', { count: list.length })}${page.next_before == null ? ` ${t('audit.noMore')}` : ''}`,
        );
      }
      setApplied(filter);
    } catch (err) {
      setError(describeError(err, t, lang).message);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load('', null);
  }, []);

  const onFilter = (e: Event) => {
    e.preventDefault();
    void load(entity, null);
  };

  const onMore = async () => {
    await load(applied, nextBefore);
    // The button may have gone (no more pages): keep focus somewhere sensible.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) moreRef.current?.focus();
    });
  };

  const yesNo: [string, string] = [t('common.yes'), t('common.no')];

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('audit.intro')}</p>

      <form class="utrecht-form wk-filter" onSubmit={onFilter}>
        <SelectField
          id="audit-entity"
          label={t('audit.filter.entity')}
          value={entity}
          onValue={setEntity}
          placeholder={t('audit.filter.all')}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: known('audit.entity', e, t) }))}
        />
        <div class="wk-filter__submit">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('audit.filter.submit')}
          </button>
        </div>
      </form>

      <LiveRegions error={error} status={status} />

      {entries === null ? (
        error ? null : <Loading />
      ) : (
        <DataTable
          id="audit"
          tableClass="wk-audit"
          caption={applied ? `${t('audit.caption')}: ${known('audit.entity', applied, t)}` : t('audit.caption')}
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
              <td class="utrecht-table__cell">{known('audit.action', e.action, t)}</td>
              <td class="utrecht-table__cell wk-nowrap">
                {known('audit.entity', e.entity, t)}
                {e.entity_id !== null && e.entity_id !== undefined ? ` #${e.entity_id}` : ''}
              </td>
              <td class="utrecht-table__cell">
                <Changes entry={e} yesNo={yesNo} />
              </td>
            </tr>
          )}
        />
      )}

      {entries !== null && nextBefore !== null ? (
        <div class="utrecht-button-group wk-button-row">
          <button ref={moreRef} type="button" class="utrecht-button utrecht-button--secondary-action" onClick={onMore} aria-busy={busy ? 'true' : undefined}>
            {t('audit.more')}
          </button>
        </div>
      ) : null}
    </>
  );
}

function Changes({ entry, yesNo }: { entry: AuditEntry; yesNo: [string, string] }) {
  const { t } = useI18n();
  if (entry.before == null && entry.after == null) return <>{t('common.none')}</>;
  const changes = diffObjects(entry.before, entry.after);
  const summary = changes.length ? changes.map((c) => c.field).join(', ') : t('audit.noChanges');
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
              <tr class="utrecht-table__row" key={c.field}>
                <th scope="row" class="utrecht-table__header-cell">{c.field}</th>
                <td class="utrecht-table__cell wk-diff__before">{valueText(c.before, yesNo)}</td>
                <td class="utrecht-table__cell wk-diff__after">{valueText(c.after, yesNo)}</td>
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
