// An item's ratings: the averages of its published version (juistheid, volledigheid,
// 1–5, one decimal) and how many; the caller's own rating as a form (two five-step
// scales and an optional remark; a second save changes it); for the owner and quality
// staff the remarks colleagues wrote.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type KnowledgeItem, type Me, type RatingRemark, type RatingSummary } from '../../lib/api';
import { describeError, messageWithUnplaced } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { formatAverage } from '../../lib/knowledge';
import { can } from '../../lib/roles';
import { DataTable } from '../../components/DataTable';
import { TextArea, focusFirstInvalid } from '../../components/Field';
import { FormPanel } from '../../components/FormPanel';
import { Choice, ChoiceGroup } from '../stories/Signifiers';

const SCALE = [1, 2, 3, 4, 5] as const;
type Aspect = 'juistheid' | 'volledigheid';

interface Props {
  me: Me;
  item: KnowledgeItem;
  canRate: boolean;
  onRated: (item: KnowledgeItem) => void;
}

export function Ratings({ me, item, canRate, onRated }: Props) {
  const { t } = useI18n();
  const summary: RatingSummary | null = item.ratings ?? null;
  const mayReadRemarks = can(me, 'review_knowledge') || item.owner?.id === me.id;
  const [remarks, setRemarks] = useState<RatingRemark[]>([]);

  useEffect(() => {
    if (!mayReadRemarks || item.status !== 'gepubliceerd') return;
    api.knowledgeRatings(item.id).then(
      (r) => setRemarks(r.remarks ?? []),
      () => setRemarks([]),
    );
  }, [item.id, summary?.count, summary?.version]);

  return (
    <section class="wk-section wk-kb-ratings" aria-labelledby="kb-ratings-title">
      <h2 id="kb-ratings-title" class="utrecht-heading-2">
        {t('knowledge.ratings')}
      </h2>
      {summary && summary.count > 0 ? (
        <>
          <dl class="wk-counts" id="kb-rating-summary">
            <div class="wk-counts__item">
              <dt>{t('knowledge.juistheid')}</dt>
              <dd class="wk-counts__value">{t('knowledge.average', { value: formatAverage(summary.juistheid) })}</dd>
            </div>
            <div class="wk-counts__item">
              <dt>{t('knowledge.volledigheid')}</dt>
              <dd class="wk-counts__value">{t('knowledge.average', { value: formatAverage(summary.volledigheid) })}</dd>
            </div>
          </dl>
          <p class="utrecht-paragraph wk-muted" id="kb-rating-count">
            {summary.count === 1
              ? t('knowledge.ratingsCountOne', { version: summary.version ?? item.published_version ?? item.version })
              : t('knowledge.ratingsCount', {
                  count: summary.count,
                  version: summary.version ?? item.published_version ?? item.version,
                })}
          </p>
        </>
      ) : (
        <p class="utrecht-paragraph" id="kb-rating-count">
          {item.status === 'gepubliceerd' ? t('knowledge.ratingsNone') : t('knowledge.rateNotYet')}
        </p>
      )}
      {canRate ? <RateForm item={item} onRated={onRated} /> : null}
      {mayReadRemarks && remarks.length ? <Remarks remarks={remarks} /> : null}
    </section>
  );
}

function RateForm({ item, onRated }: { item: KnowledgeItem; onRated: Props['onRated'] }) {
  const { t, lang } = useI18n();
  const mine = item.my_rating ?? null;
  const [values, setValues] = useState<Record<Aspect, number | null>>({
    juistheid: mine?.juistheid ?? null,
    volledigheid: mine?.volledigheid ?? null,
  });
  const [remark, setRemark] = useState(mine?.remark ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    if (values.juistheid === null) local.juistheid = t('knowledge.rateMissing.juistheid');
    if (values.volledigheid === null) local.volledigheid = t('knowledge.rateMissing.volledigheid');
    setErrors(local);
    setSaved(null);
    if (Object.keys(local).length) {
      setError(t('common.errorSummary'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        juistheid: values.juistheid!,
        volledigheid: values.volledigheid!,
        ...(remark.trim() ? { remark: remark.trim() } : {}),
      };
      const r = await api.rateKnowledge(item.id, body);
      setErrors({});
      onRated({
        ...item,
        ratings: { version: r.version, count: r.count, juistheid: r.juistheid, volledigheid: r.volledigheid },
        my_rating: r.mine,
      });
      setSaved(t('knowledge.rateSaved'));
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(messageWithUnplaced(shown, ['juistheid', 'volledigheid', 'remark']));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const scale = (aspect: Aspect) => (
    <ChoiceGroup
      id={`kb-rate-${aspect}`}
      legend={t(aspect === 'juistheid' ? 'knowledge.rateJuistheid' : 'knowledge.rateVolledigheid')}
      description={t('knowledge.rateScaleHelp')}
      error={errors[aspect]}
      required
      listClass="wk-scale wk-kb-scale"
    >
      {SCALE.map((n) => (
        <Choice
          key={n}
          id={`kb-rate-${aspect}-${n}`}
          type="radio"
          name={`kb-rate-${aspect}`}
          label={String(n)}
          checked={values[aspect] === n}
          onChange={(on) => on && setValues((v) => ({ ...v, [aspect]: n }))}
        />
      ))}
    </ChoiceGroup>
  );

  return (
    <FormPanel
      id="kb-rate"
      title={t('knowledge.rateTitle')}
      focusOnOpen={false}
      intro={
        <p class="utrecht-paragraph wk-muted">
          {mine
            ? t('knowledge.rateMine', { juistheid: mine.juistheid, volledigheid: mine.volledigheid })
            : t('knowledge.ratingsIntro')}
        </p>
      }
      error={error}
      status={saved}
      formRef={formRef}
      onSubmit={onSubmit}
      busy={busy}
      submitLabel={t('knowledge.rateSubmit')}
    >
      {scale('juistheid')}
      {scale('volledigheid')}
      <TextArea
        id="kb-rate-remark"
        label={t('knowledge.remarkOptional')}
        description={t('knowledge.rateRemarkHelp')}
        value={remark}
        onValue={setRemark}
        error={errors.remark}
        rows={3}
        maxLength={2000}
      />
    </FormPanel>
  );
}

function Remarks({ remarks }: { remarks: RatingRemark[] }) {
  const { t, lang } = useI18n();
  const withText = remarks.filter((r) => r.remark && r.remark.trim());
  return (
    <section class="wk-section" aria-labelledby="kb-remarks-title">
      <h3 id="kb-remarks-title" class="utrecht-heading-3">
        {t('knowledge.remarks')}
      </h3>
      <p class="utrecht-paragraph wk-muted">{t('knowledge.remarksIntro')}</p>
      <DataTable
        id="kb-remarks"
        labelledBy="kb-remarks-title"
        tableClass="wk-kb-remarks"
        columns={[
          { key: 'remark', label: t('knowledge.col.remark') },
          { key: 'juistheid', label: t('knowledge.juistheid'), numeric: true },
          { key: 'volledigheid', label: t('knowledge.volledigheid'), numeric: true },
          { key: 'by', label: t('knowledge.col.by') },
          { key: 'date', label: t('knowledge.col.date') },
        ]}
        empty={t('knowledge.remarksEmpty')}
        rows={withText}
        renderRow={(r) => (
          <tr class="utrecht-table__row" key={`${r.by.id}-${r.updated_at}`}>
            <th scope="row" class="utrecht-table__header-cell wk-story-text__para">
              {r.remark}
            </th>
            <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{r.juistheid}</td>
            <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{r.volledigheid}</td>
            <td class="utrecht-table__cell">{r.by.name}</td>
            <td class="utrecht-table__cell wk-nowrap">{formatDate(r.updated_at, lang)}</td>
          </tr>
        )}
      />
    </section>
  );
}
