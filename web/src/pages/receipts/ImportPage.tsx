// /kassabonnen/importeren — cost lines from a CSV file. "Controleren" sends the file
// with ?dry_run=true and shows either the server's row-by-row errors or what the import
// would create; only then "Importeren" writes it (all or nothing). The file goes as it
// is (raw bytes, text/csv): the server reads UTF-8 and Windows-1252 itself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, ApiError, type FieldProblem, type ImportResult, type Me, type Programme } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { PageHeading } from '../../components/PageHeading';
import { Alert, LiveRegions } from '../../components/Notices';
import { FileField, SelectField } from '../../components/Field';
import { Link } from '../../components/Link';
import { TableHead } from '../../components/DataTable';

/** The import's columns, in the order of the export (docs/openapi.json, POST /api/v1/receipts/import). */
export const IMPORT_COLUMNS = [
  'programma',
  'groep',
  'casus',
  'team',
  'status',
  'statusdatum',
  'kant',
  'kostensoort',
  'betaler',
  'omschrijving',
  'bedrag_per_jaar',
] as const;

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

type Stage =
  | { kind: 'idle' }
  | { kind: 'busy'; dryRun: boolean; loaded: number; total: number }
  | { kind: 'checked'; result: ImportResult }
  | { kind: 'rejected'; errors: FieldProblem[] }
  | { kind: 'done'; result: ImportResult };

export function ImportPage(_props: { me: Me }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [exportId, setExportId] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api.programmes().then(
      (pl) => setProgrammes(pl.items),
      () => undefined,
    );
  }, []);

  const focusResult = () => requestAnimationFrame(() => resultRef.current?.focus());

  const onFile = (f: File | null) => {
    setFile(f);
    setFileError(null);
    setError(null);
    setStage({ kind: 'idle' });
  };

  const run = async (dryRun: boolean) => {
    if (stage.kind === 'busy' || (!dryRun && stage.kind !== 'checked')) return;
    if (!file) {
      setFileError(t('import.fileMissing'));
      inputRef.current?.focus();
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setFileError(t('import.fileTooLarge'));
      inputRef.current?.focus();
      return;
    }
    setFileError(null);
    setError(null);
    setStage({ kind: 'busy', dryRun, loaded: 0, total: file.size });
    try {
      const result = await api.importReceipts(file, dryRun, (loaded, total) =>
        setStage({ kind: 'busy', dryRun, loaded, total }),
      );
      setStage(dryRun ? { kind: 'checked', result } : { kind: 'done', result });
      focusResult();
    } catch (err) {
      const shown = describeError(err, t, lang);
      if (err instanceof ApiError && err.status === 422 && err.errors.length) {
        setStage({ kind: 'rejected', errors: err.errors });
        focusResult();
      } else {
        setStage({ kind: 'idle' });
        setError(shown.message);
      }
    }
  };

  const busy = stage.kind === 'busy';
  const percent = busy && stage.total ? Math.min(100, Math.round((stage.loaded / stage.total) * 100)) : 0;
  const canImport = stage.kind === 'checked';

  return (
    <>
      <p class="utrecht-paragraph wk-breadcrumb">
        <Link href="/kassabonnen">{t('import.back')}</Link>
      </p>
      <PageHeading>{t('import.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('import.intro')}</p>
      <details class="wk-details wk-format">
        <summary>{t('import.formatTitle')}</summary>
        <p class="utrecht-paragraph">{t('import.formatText')}</p>
        <p class="utrecht-paragraph">
          <code class="utrecht-code wk-columns">{IMPORT_COLUMNS.join(';')}</code>
        </p>
        <p class="utrecht-paragraph">{t('import.formatRules')}</p>
      </details>

      <section class="wk-panel" aria-labelledby="import-form-title">
        <h2 id="import-form-title" class="utrecht-heading-2">
          {t('import.step1')}
        </h2>
        <form class="utrecht-form wk-form" noValidate onSubmit={(e) => (e.preventDefault(), void run(true))}>
          <FileField
            id="import-file"
            label={t('import.file')}
            description={t('import.fileHelp')}
            error={fileError ?? undefined}
            accept=".csv,text/csv"
            file={file}
            onFile={onFile}
            inputRef={inputRef}
          />
          <div class="utrecht-button-group wk-button-row">
            {/* aria-disabled, not disabled: the button keeps focus while the file is on its way. */}
            <button
              type="submit"
              class={`utrecht-button utrecht-button--secondary-action${busy ? ' utrecht-button--disabled' : ''}`}
              aria-disabled={busy ? 'true' : undefined}
              aria-busy={busy && stage.dryRun ? 'true' : undefined}
            >
              {t('import.check')}
            </button>
            <button
              type="button"
              class={`utrecht-button utrecht-button--primary-action${canImport ? '' : ' utrecht-button--disabled'}`}
              aria-disabled={canImport ? undefined : 'true'}
              aria-busy={busy && !stage.dryRun ? 'true' : undefined}
              aria-describedby="import-import-help"
              onClick={() => void run(false)}
            >
              {t('import.run')}
            </button>
          </div>
          <p class="utrecht-paragraph wk-muted" id="import-import-help">
            {t('import.runHelp')}
          </p>
        </form>

        <div class="wk-progress-area" aria-live="polite" aria-busy={busy ? 'true' : 'false'}>
          {busy ? (
            <div class="wk-progress">
              <label for="import-progress" class="utrecht-form-label">
                {stage.dryRun ? t('import.checking') : t('import.importing')}
              </label>
              {stage.loaded >= stage.total ? (
                <progress key="waiting" id="import-progress" max={100} />
              ) : (
                <progress key="sending" id="import-progress" max={100} value={percent}>
                  {percent} %
                </progress>
              )}
              <span class="wk-muted">
                {stage.loaded >= stage.total ? t('import.serverWorking') : t('import.uploaded', { percent })}
              </span>
            </div>
          ) : null}
        </div>
      </section>

      <LiveRegions error={error} />
      {/* A short sentence for screen readers; the details below get focus. */}
      <div role="status" class="wk-visually-hidden">
        {stage.kind === 'checked'
          ? t('import.checkedTitle')
          : stage.kind === 'done'
            ? t('import.doneTitle')
            : stage.kind === 'rejected'
              ? stage.errors.length === 1
                ? t('import.rejectedOne')
                : t('import.rejected', { count: stage.errors.length })
              : ''}
      </div>
      <div class="wk-import-result">
        {stage.kind === 'checked' || stage.kind === 'done' ? (
          <ResultSummary result={stage.result} headingRef={resultRef} />
        ) : null}
        {stage.kind === 'rejected' ? <RowErrors errors={stage.errors} headingRef={resultRef} /> : null}
      </div>

      <section class="wk-section" aria-labelledby="export-title">
        <h2 id="export-title" class="utrecht-heading-2">
          {t('import.exportTitle')}
        </h2>
        <p class="utrecht-paragraph">{t('import.exportIntro')}</p>
        <div class="wk-filter">
          <SelectField
            id="export-programme"
            label={t('summary.programme')}
            value={exportId}
            onValue={setExportId}
            placeholder={t('summary.programmeChoose')}
            options={programmes.map((p) => ({ value: String(p.id), label: p.name }))}
          />
          {exportId ? (
            <p class="utrecht-paragraph wk-filter__submit wk-export">
              <a class="utrecht-link utrecht-link--html-a" href={api.exportUrl(Number(exportId), 'csv')} download>
                {t('summary.exportCsv')}
              </a>{' '}
              <a class="utrecht-link utrecht-link--html-a" href={api.exportUrl(Number(exportId), 'xlsx')} download>
                {t('summary.exportXlsx')}
              </a>
            </p>
          ) : null}
        </div>
      </section>
    </>
  );
}

function ResultSummary({
  result,
  headingRef,
}: {
  result: ImportResult;
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const { t } = useI18n();
  const items: [string, number][] = [
    [t('import.result.rows'), result.rows],
    [t('import.result.lines'), result.lines],
    [t('import.result.casesCreated'), result.cases_created],
    [t('import.result.casesUpdated'), result.cases_updated],
    [t('import.result.groupsCreated'), result.groups_created],
  ];
  return (
    <Alert kind={result.dry_run ? 'info' : 'ok'}>
      <h2 class="utrecht-heading-3 wk-alert__title" tabIndex={-1} ref={headingRef}>
        {result.dry_run ? t('import.checkedTitle') : t('import.doneTitle')}
      </h2>
      <dl class="wk-result-list">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p class="utrecht-paragraph">{result.dry_run ? t('import.checkedNext') : t('import.doneNext')}</p>
    </Alert>
  );
}

function RowErrors({
  errors,
  headingRef,
}: {
  errors: FieldProblem[];
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const { t, lang } = useI18n();
  return (
    <Alert kind="error">
      <h2 class="utrecht-heading-3 wk-alert__title" tabIndex={-1} ref={headingRef}>
        {errors.length === 1 ? t('import.rejectedOne') : t('import.rejected', { count: errors.length })}
      </h2>
      {/* The server's own sentence says what the heading says; its row messages are in the table. */}
      <p class="utrecht-paragraph">{t('import.nothingWritten')}</p>
      <div
        class="utrecht-table-container wk-table-wrap"
        role="region"
        aria-labelledby="import-errors-caption"
        tabIndex={0}
      >
        <table class="utrecht-table utrecht-table--html-table wk-table wk-import-errors">
          <caption id="import-errors-caption" class="utrecht-table__caption">
            {t('import.errorsCaption')}
          </caption>
          <TableHead
            columns={[
              { key: 'row', label: t('import.col.row'), numeric: true },
              { key: 'column', label: t('import.col.column') },
              { key: 'message', label: t('import.col.message') },
            ]}
          />
          <tbody class="utrecht-table__body">
            {errors.map((e, i) => (
              <tr class="utrecht-table__row" key={i}>
                <th scope="row" class="utrecht-table__header-cell utrecht-table__cell--numeric-data">
                  {e.row ?? t('common.none')}
                </th>
                <td class="utrecht-table__cell">{e.column || e.field || t('common.none')}</td>
                <td class="utrecht-table__cell">{lang === 'nl' ? e.title || e.detail : e.detail || e.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Alert>
  );
}
