// A sense-making session's actions, as the session page (/duidingssessies/{id}) and the
// start page's "Mijn acties" show them: one table (with the owner and theme on the
// session page, the session on the start page), the status with "Te laat" when the due
// date has passed, what came of a closed action, and for its owner and quality staff
// "Mee bezig" and "Afsluiten" — done (what changed: a method, a procedure, a training or
// something else) or dropped (why), in a dialog.
import { useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { api, OUTCOME_KINDS, type Action, type Me, type OutcomeKind, type Theme } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { checkClose, closeBody, mayUpdateAction, type CloseDraft } from '../../lib/sensemaking';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/ConfirmDialog';
import { TextArea, focusFirstInvalid } from '../../components/Field';
import { Link } from '../../components/Link';
import { Choice, ChoiceGroup } from '../stories/Signifiers';

/** The action's status as a badge, and "Te laat" next to it when it is overdue. */
export function ActionStatus({ action }: { action: Action }) {
  const { t } = useI18n();
  return (
    <span class="wk-action-status">
      <span class={`utrecht-status-badge wk-badge wk-badge--action-${action.status}`}>
        {t(`action.status.${action.status}` as MessageKey)}
      </span>
      {action.overdue ? (
        <span class="utrecht-status-badge wk-badge wk-badge--overdue">{t('action.overdue')}</span>
      ) : null}
    </span>
  );
}

/** What came of a closed action: "Training: …" or "Vervallen: …"; empty while open. */
function Outcome({ action }: { action: Action }) {
  const { t } = useI18n();
  if (action.status === 'done') {
    return (
      <span class="wk-outcome">
        <strong>
          {action.outcome_kind ? t(`action.kind.${action.outcome_kind}` as MessageKey) : t('action.status.done')}:
        </strong>{' '}
        {action.outcome}
      </span>
    );
  }
  if (action.status === 'dropped') {
    return (
      <span class="wk-outcome">
        <strong>{t('action.droppedBecause')}</strong> {action.outcome}
      </span>
    );
  }
  return null;
}

interface TableProps {
  /** Prefix for ids (`${id}-caption`, the rows' buttons). */
  id: string;
  caption: string;
  empty: string;
  actions: readonly Action[];
  me: Me;
  /** `session`: the session page (owner and theme columns); `mine`: the start page (session column). */
  context: 'session' | 'mine';
  themes?: readonly Theme[];
  onSaved: (action: Action, message: string) => void;
}

export function ActionTable({ id, caption, empty, actions, me, context, themes = [], onSaved }: TableProps) {
  const { t, lang } = useI18n();
  const [closing, setClosing] = useState<Action | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rowError, setRowError] = useState<{ id: number; message: string } | null>(null);

  const start = async (a: Action) => {
    setBusyId(a.id);
    setRowError(null);
    try {
      const saved = await api.updateAction(a.id, { status: 'in_progress' });
      onSaved(saved, t('action.started', { description: shortText(saved.description) }));
      requestAnimationFrame(() => document.getElementById(`${id}-close-${a.id}`)?.focus());
    } catch (err) {
      setRowError({ id: a.id, message: describeError(err, t, lang).message ?? '' });
    } finally {
      setBusyId(null);
    }
  };

  const themeTitle = (themeId: number | null) =>
    themeId === null ? t('common.none') : (themes.find((x) => x.id === themeId)?.title ?? t('common.none'));
  const columns =
    context === 'session'
      ? [
          { key: 'description', label: t('action.col.description') },
          { key: 'owner', label: t('action.col.owner') },
          { key: 'theme', label: t('action.col.theme') },
          { key: 'due', label: t('action.col.due') },
          { key: 'status', label: t('action.col.status') },
          { key: 'actions', label: t('common.actions') },
        ]
      : [
          { key: 'description', label: t('action.col.description') },
          { key: 'session', label: t('action.col.session') },
          { key: 'due', label: t('action.col.due') },
          { key: 'status', label: t('action.col.status') },
          { key: 'actions', label: t('common.actions') },
        ];

  return (
    <>
      <DataTable
        id={id}
        tableClass="wk-actions-table"
        caption={caption}
        columns={columns}
        empty={empty}
        rows={actions}
        renderRow={(a) => (
          <tr class={`utrecht-table__row${a.overdue ? ' wk-row--overdue' : ''}`} key={a.id} data-action-id={a.id}>
            <th scope="row" class="utrecht-table__header-cell wk-action-description">
              {a.description}
            </th>
            {context === 'session' ? (
              <>
                <td class="utrecht-table__cell">{a.owner.name}</td>
                <td class="utrecht-table__cell">{themeTitle(a.theme_id)}</td>
              </>
            ) : (
              <td class="utrecht-table__cell">
                <Link href={`/duidingssessies/${a.session.id}`}>{a.session.title}</Link>
                <span class="wk-muted"> ({formatDate(a.session.date, lang)})</span>
              </td>
            )}
            <td class="utrecht-table__cell wk-nowrap">
              <time dateTime={a.due_date}>{formatDate(a.due_date, lang)}</time>
            </td>
            <td class="utrecht-table__cell">
              <ActionStatus action={a} />
              <Outcome action={a} />
            </td>
            <td class="utrecht-table__cell">
              {mayUpdateAction(me, a) ? (
                <div class="wk-row-actions">
                  {a.status === 'open' ? (
                    <button
                      id={`${id}-start-${a.id}`}
                      type="button"
                      class="utrecht-button utrecht-button--secondary-action wk-button--small"
                      aria-busy={busyId === a.id ? 'true' : undefined}
                      onClick={() => void start(a)}
                    >
                      {t('action.start')}
                      <span class="wk-visually-hidden"> {shortText(a.description)}</span>
                    </button>
                  ) : null}
                  <button
                    id={`${id}-close-${a.id}`}
                    type="button"
                    class="utrecht-button utrecht-button--primary-action wk-button--small"
                    onClick={() => setClosing(a)}
                  >
                    {t('action.close')}
                    <span class="wk-visually-hidden"> {shortText(a.description)}</span>
                  </button>
                </div>
              ) : (
                t('common.none')
              )}
              {rowError?.id === a.id ? (
                <p class="utrecht-paragraph wk-cell-error" role="alert">
                  {rowError.message}
                </p>
              ) : null}
            </td>
          </tr>
        )}
      />
      {closing ? (
        <CloseActionDialog
          action={closing}
          onCancel={() => {
            const a = closing;
            setClosing(null);
            requestAnimationFrame(() => document.getElementById(`${id}-close-${a.id}`)?.focus());
          }}
          onSaved={(saved) => {
            setClosing(null);
            onSaved(
              saved,
              t(saved.status === 'done' ? 'action.closedDone' : 'action.closedDropped', {
                description: shortText(saved.description),
              }),
            );
          }}
        />
      ) : null}
    </>
  );
}

/** The first words of a description, for a button's hidden text and messages. */
export function shortText(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function CloseActionDialog({
  action,
  onCancel,
  onSaved,
}: {
  action: Action;
  onCancel: () => void;
  onSaved: (a: Action) => void;
}) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<CloseDraft>({ result: 'done', kind: '', outcome: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<CloseDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async () => {
    const problems = checkClose(draft);
    const local: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems))
      local[field] = t(`action.required.${problem}` as MessageKey);
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('common.errorSummary'));
      focusFirstInvalid(bodyRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateAction(action.id, closeBody(draft)));
    } catch (err) {
      const shown = describeError(err, t, lang);
      setErrors(shown.fields);
      setError(shown.message);
      focusFirstInvalid(bodyRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('action.closeTitle')}
      confirmLabel={t('action.closeConfirm')}
      onConfirm={() => void save()}
      onCancel={onCancel}
      busy={busy}
      describedBy="close-action-text"
      initialFocus="close-result-done"
      error={error}
    >
      <div ref={bodyRef} class="wk-dialog__fields">
        <p id="close-action-text" class="utrecht-paragraph">
          {t('action.closeText', { description: shortText(action.description, 120) })}
        </p>
        <ChoiceGroup id="close-result" legend={t('action.closeResult')}>
          <Choice
            id="close-result-done"
            type="radio"
            name="close-result"
            label={t('action.resultDone')}
            checked={draft.result === 'done'}
            onChange={(on) => on && set({ result: 'done' })}
          />
          <Choice
            id="close-result-dropped"
            type="radio"
            name="close-result"
            label={t('action.resultDropped')}
            checked={draft.result === 'dropped'}
            onChange={(on) => on && set({ result: 'dropped' })}
          />
        </ChoiceGroup>
        {draft.result === 'done' ? (
          <ChoiceGroup id="close-outcome_kind" legend={t('action.kindLegend')} error={errors.outcome_kind} required>
            {OUTCOME_KINDS.map((k) => (
              <Choice
                key={k}
                id={`close-kind-${k}`}
                type="radio"
                name="close-kind"
                label={t(`action.kind.${k}` as MessageKey)}
                checked={draft.kind === k}
                onChange={(on) => on && set({ kind: k as OutcomeKind })}
              />
            ))}
          </ChoiceGroup>
        ) : null}
        <TextArea
          id="close-outcome"
          label={draft.result === 'done' ? t('action.outcome') : t('action.reason')}
          description={draft.result === 'done' ? t('action.outcomeHelp') : t('action.reasonHelp')}
          value={draft.outcome}
          onValue={(outcome) => set({ outcome })}
          error={errors.outcome}
          rows={4}
          maxLength={10_000}
        />
      </div>
    </Dialog>
  );
}
