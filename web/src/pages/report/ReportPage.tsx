// /jaarverslag and /jaarverslag/{year} — the annual report (activiteitenverslag): choose
// the year and the reference date; the chapters of the model report in order, each
// with whether its text is written, an editor for that text (director and quality
// staff; the funder reads), and a summary of the chapter's tables; links to the report
// as a web page, PDF and Excel workbook.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, reportUrl, type Me, type Report, type ReportChapter, type ReportYears } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { dateInputValue, formatDate, formatDateTime, parseDateInput, todayIso } from '../../lib/format';
import { navigate, useSearch } from '../../lib/router';
import { can } from '../../lib/roles';
import { useUnsavedChanges } from '../../lib/unsaved';
import {
  REPORT_TEXT_MAX,
  chapterParagraphs,
  chapterTables,
  defaultReferenceDate,
  hasText,
  reportPath,
  reportReferenceDate,
  reportYearChoices,
  shownReportYear,
  textToSave,
  type TableSummary,
} from '../../lib/report';
import { PageHeading } from '../../components/PageHeading';
import { LiveRegions, Loading } from '../../components/Notices';
import { DateField, SelectField, TextArea, focusFirstInvalid } from '../../components/Field';
import { DataTable } from '../../components/DataTable';

interface Props {
  me: Me;
  /** The year in the path; null on /jaarverslag (the server's default: the last full year). */
  year: number | null;
}

/** The chapter's anchor and heading id on this page. */
const chapterId = (key: string) => `hoofdstuk-${key}`;

export function ReportPage({ me, year: pathYear }: Props) {
  const { t, lang } = useI18n();
  const search = useSearch();
  const today = todayIso();
  /** The server's years (undefined while asking, null when it could not say). */
  const [yearsAnswer, setYearsAnswer] = useState<ReportYears | null | undefined>(undefined);
  const year = shownReportYear(pathYear, yearsAnswer ?? null, today);
  // On /jaarverslag the year is the server's default: the report waits for it.
  const ready = pathYear !== null || yearsAnswer !== undefined;
  const date = useMemo(() => reportReferenceDate(search, year), [search, year]);
  const writer = can(me, 'write_report');
  const years = useMemo(() => reportYearChoices(yearsAnswer ?? null, today, year), [yearsAnswer, today, year]);

  useEffect(() => {
    api.reportYears().then(setYearsAnswer, () => setYearsAnswer(null));
  }, []);

  const [form, setForm] = useState({ year: String(year), date: dateInputValue(date) });
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const busy = useLoad(
    () => {
      setForm({ year: String(year), date: dateInputValue(date) });
      return ready ? api.report(year, date) : null;
    },
    [year, date, ready],
    {
      ok: (r) => {
        setReport(r);
        setError(null);
      },
      fail: (err) => {
        setReport(null);
        setError(describeError(err, t, lang).message);
      },
    },
  );

  const onYear = (value: string) =>
    setForm((f) => {
      // The reference date follows the year while it is still the previous year's default.
      const wasDefault = !f.date.trim() || parseDateInput(f.date) === defaultReferenceDate(Number(f.year));
      return { year: value, date: wasDefault ? dateInputValue(defaultReferenceDate(Number(value))) : f.date };
    });

  const onShow = (e: Event) => {
    e.preventDefault();
    const fe: Record<string, string> = {};
    const y = Number(form.year);
    if (!years.includes(y)) fe.year = t('report.yearMissing');
    const d = form.date.trim() ? parseDateInput(form.date) : defaultReferenceDate(y);
    if (!d) fe.date = t('common.dateInvalid');
    setFormErrors(fe);
    if (Object.keys(fe).length) {
      focusFirstInvalid(e.currentTarget as HTMLElement);
      return;
    }
    navigate(reportPath(y, d!));
  };

  const onSaved = (key: string, body: string | null) =>
    setReport((r) => (r ? { ...r, chapters: r.chapters.map((c) => (c.key === key ? { ...c, text: body } : c)) } : r));

  const heading = t('report.title', { year });
  const shownDate = formatDate(report?.reference_date ?? date, lang);

  return (
    <>
      <PageHeading title={heading}>{heading}</PageHeading>
      <p class="utrecht-paragraph">{t('report.intro')}</p>
      {writer ? null : <p class="utrecht-paragraph wk-readonly-note">{t('report.readOnly')}</p>}

      <form
        class="utrecht-form wk-filter wk-filter--help"
        onSubmit={onShow}
        noValidate
        aria-label={t('report.formLabel')}
      >
        <SelectField
          id="report-year"
          label={t('report.year')}
          value={form.year}
          onValue={onYear}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          error={formErrors.year}
        />
        <DateField
          id="report-date"
          label={t('report.date')}
          description={t('report.dateHelp')}
          value={form.date}
          onValue={(v) => setForm((f) => ({ ...f, date: v }))}
          error={formErrors.date}
        />
        <div class="wk-filter__submit">
          <button type="submit" class="utrecht-button utrecht-button--primary-action" id="report-show">
            {t('report.show')}
          </button>
        </div>
      </form>

      <LiveRegions error={error} />
      {/* Said to screen readers; sighted users see the page change. */}
      <div role="status" class="wk-visually-hidden">
        {report && !busy
          ? t('report.loaded', { year: report.year, date: formatDate(report.reference_date, lang) })
          : ''}
      </div>

      {report === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={busy ? 'true' : undefined}>
          <section class="wk-section wk-report-outputs" aria-labelledby="report-outputs-title">
            <h2 id="report-outputs-title" class="utrecht-heading-2">
              {t('report.outputs')}
            </h2>
            <p class="utrecht-paragraph" id="report-outputs-help">
              {t('report.outputsIntro', { year: report.year, date: shownDate })}
            </p>
            <div class="utrecht-button-group wk-button-row">
              <a
                id="report-view"
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action wk-button-link"
                href={reportUrl(report.year, 'html', report.reference_date)}
                target="_blank"
                rel="noopener"
                aria-describedby="report-outputs-help"
              >
                {t('report.view')}
              </a>
              <a
                id="report-pdf"
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
                href={reportUrl(report.year, 'pdf', report.reference_date)}
                download={`activiteitenverslag-${report.year}.pdf`}
              >
                {t('report.pdf')}
              </a>
              <a
                id="report-xlsx"
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action wk-button-link"
                href={reportUrl(report.year, 'xlsx', report.reference_date)}
                download={`activiteitenverslag-${report.year}.xlsx`}
              >
                {t('report.xlsx')}
              </a>
            </div>
          </section>

          <Contents report={report} writer={writer} />

          {report.chapters.map((c) => (
            <Chapter key={`${report.year}-${c.key}`} year={report.year} chapter={c} writer={writer} onSaved={onSaved} />
          ))}
        </div>
      )}
    </>
  );
}

/** Moves focus to a chapter's heading (an in-page link that works with the router). */
function goToChapter(e: MouseEvent, key: string) {
  const el = document.getElementById(`${chapterId(key)}-title`);
  if (!el) return;
  e.preventDefault();
  el.focus();
  el.scrollIntoView({ block: 'start' });
}

/** The chapters in order: number, title, whether the text is written, how many tables. */
function Contents({ report, writer }: { report: Report; writer: boolean }) {
  const { t } = useI18n();
  const done = report.chapters.filter((c) => hasText(c.text)).length;
  const total = report.chapters.length;
  return (
    <section class="wk-section" aria-labelledby="report-contents-title">
      <h2 id="report-contents-title" class="utrecht-heading-2">
        {t('report.chapters')}
      </h2>
      <p class="utrecht-paragraph">{writer ? t('report.chaptersIntro') : t('report.chaptersIntroReadOnly')}</p>
      <p class="utrecht-paragraph wk-report-progress" id="report-progress">
        {done === 1 ? t('report.progressOne', { total }) : t('report.progress', { done, total })}
      </p>
      <DataTable
        id="report-toc"
        caption={t('report.tocCaption', { year: report.year })}
        tableClass="wk-report-toc"
        columns={[
          { key: 'number', label: t('report.col.number'), numeric: true },
          { key: 'title', label: t('report.col.title') },
          { key: 'text', label: t('report.col.text') },
          { key: 'figures', label: t('report.col.figures') },
        ]}
        empty={t('report.noChapters')}
        rows={report.chapters}
        renderRow={(c) => {
          const tables = chapterTables(c).length;
          return (
            <tr class="utrecht-table__row" key={c.key} data-chapter={c.key}>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{c.number}</td>
              <th scope="row" class="utrecht-table__header-cell">
                <a
                  class="utrecht-link utrecht-link--html-a"
                  href={`#${chapterId(c.key)}`}
                  onClick={(e) => goToChapter(e, c.key)}
                >
                  {c.title}
                </a>
              </th>
              <td class="utrecht-table__cell">
                <TextBadge written={hasText(c.text)} />
              </td>
              <td class="utrecht-table__cell">
                {tables === 0
                  ? t('report.noTables')
                  : tables === 1
                    ? t('report.tablesOne')
                    : t('report.tables', { count: tables })}
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}

function TextBadge({ written }: { written: boolean }) {
  const { t } = useI18n();
  return (
    <span class={`utrecht-status-badge wk-badge ${written ? 'wk-badge--written' : 'wk-badge--missing'}`}>
      {written ? t('report.written') : t('report.missing')}
    </span>
  );
}

interface ChapterProps {
  year: number;
  chapter: ReportChapter;
  writer: boolean;
  onSaved: (key: string, body: string | null) => void;
}

function Chapter({ year, chapter, writer, onSaved }: ChapterProps) {
  const { t } = useI18n();
  const id = chapterId(chapter.key);
  const titleId = `${id}-title`;
  const tables = chapterTables(chapter);
  const paragraphs = chapterParagraphs(chapter);
  return (
    <section class="wk-section wk-chapter" id={id} aria-labelledby={titleId} data-chapter={chapter.key}>
      <h2 id={titleId} class="utrecht-heading-2 wk-chapter__title" tabIndex={-1}>
        <span class="wk-chapter__no">{chapter.number}</span> {chapter.title}
      </h2>
      <p class="utrecht-paragraph wk-chapter__status" id={`${id}-status`}>
        <TextBadge written={hasText(chapter.text)} />
      </p>
      {writer ? (
        <ChapterEditor year={year} chapter={chapter} onSaved={onSaved} />
      ) : hasText(chapter.text) ? (
        <pre class="utrecht-preserve-data wk-plan" tabIndex={0} aria-labelledby={titleId}>
          {chapter.text}
        </pre>
      ) : (
        <p class="utrecht-paragraph wk-muted">{t('report.noText')}</p>
      )}
      {tables.length || paragraphs.length ? (
        <Figures chapter={chapter} tables={tables} paragraphs={paragraphs} />
      ) : null}
    </section>
  );
}

interface EditorProps {
  year: number;
  chapter: ReportChapter;
  onSaved: (key: string, body: string | null) => void;
}

function ChapterEditor({ year, chapter, onSaved }: EditorProps) {
  const { t, lang } = useI18n();
  const [value, setValue] = useState(chapter.text ?? '');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const p = `report-text-${chapter.key}`;
  const dirty = value !== (chapter.text ?? '');
  useUnsavedChanges(dirty);
  const name = { number: chapter.number, title: chapter.title };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (value.length > REPORT_TEXT_MAX) {
      setFieldError(t('report.tooLong', { max: '100.000' }));
      setStatus(null);
      setError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const text = textToSave(value);
      const saved = await api.saveReportText(year, chapter.key, text);
      // The server answers null for an empty text: the chapter is back to its placeholder.
      const body = saved.body === null || saved.body === '' ? null : saved.body;
      if (body === null) setValue('');
      setFieldError(undefined);
      setError(null);
      setSavedAt(new Date().toISOString());
      setStatus(body === null ? t('report.cleared', name) : t('report.saved', name));
      onSaved(chapter.key, body);
    } catch (err) {
      const shown = describeError(err, t, lang);
      setFieldError(shown.fields.body);
      setStatus(null);
      setError(messageWithUnplaced(shown, ['body']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <LiveRegions error={error} status={status} />
      <form ref={formRef} class="utrecht-form wk-form wk-chapter__form" noValidate onSubmit={onSubmit}>
        <TextArea
          id={p}
          label={t('report.textLabel', name)}
          description={t('report.textHelp')}
          value={value}
          onValue={(v) => {
            setValue(v);
            if (status) setStatus(null);
          }}
          error={fieldError}
          rows={6}
        />
        <div class="utrecht-button-group wk-button-row wk-chapter__actions">
          <button
            type="submit"
            id={`report-save-${chapter.key}`}
            class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
            aria-busy={busy ? 'true' : undefined}
          >
            {busy ? t('common.saving') : t('report.save')}
            <span class="wk-visually-hidden"> {t('report.saveOf', name)}</span>
          </button>
          <span class="wk-muted wk-chapter__saved" id={`${p}-saved`}>
            {dirty ? t('unsaved.note') : savedAt ? t('report.savedAt', { when: formatDateTime(savedAt, lang) }) : ''}
          </span>
        </div>
      </form>
    </>
  );
}

function Figures({
  chapter,
  tables,
  paragraphs,
}: {
  chapter: ReportChapter;
  tables: TableSummary[];
  paragraphs: { heading: string; text: string }[];
}) {
  const { t } = useI18n();
  const id = `${chapterId(chapter.key)}-figures`;
  return (
    <div class="wk-chapter__figures">
      <h3 class="utrecht-heading-3" id={`${id}-title`}>
        {t('report.figures')}
      </h3>
      {tables.length ? (
        <>
          <DataTable
            id={id}
            caption={t('report.figuresCaption', { number: chapter.number, title: chapter.title })}
            tableClass="wk-report-tables"
            columns={[
              { key: 'table', label: t('report.col.table') },
              { key: 'rows', label: t('report.col.rows'), numeric: true },
              { key: 'total', label: t('report.col.total') },
            ]}
            empty=""
            rows={tables}
            renderRow={(s) => (
              <tr class="utrecht-table__row" key={s.id} data-table={s.id}>
                <th scope="row" class="utrecht-table__header-cell">
                  {s.title}
                </th>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{s.rows}</td>
                <td class="utrecht-table__cell">
                  {s.total ? (
                    <>
                      <span class="wk-total__label">{s.total.label}</span>
                      <ul class="wk-cell-list wk-total__figures">
                        {s.total.figures.map((f, i) => (
                          <li key={i}>
                            {f.column}:{' '}
                            <span class={`wk-money${(f.cents ?? 0) < 0 ? ' wk-money--negative' : ''}`}>{f.text}</span>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    t('common.none')
                  )}
                </td>
              </tr>
            )}
          />
          <p class="utrecht-paragraph wk-muted wk-chapter__note">{t('report.rowsHelp')}</p>
        </>
      ) : null}
      {paragraphs.length ? (
        <ul class="utrecht-unordered-list wk-plain-list wk-chapter__sentences">
          {paragraphs.map((p, i) => (
            <li class="utrecht-unordered-list__item" key={i}>
              {p.heading ? <strong>{p.heading}: </strong> : null}
              {p.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
