// Hand-picking the stories a session looks at: a search box (title and text, searched
// as you type), the published stories it finds with a checkbox each, and the stories
// chosen so far (uncheck to drop one). Enter in the search box searches at once and
// does not send the surrounding form.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Story, type StoryBrief } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/hooks';
import { formatDate } from '../../lib/format';
import { pickFoundMessage, type FoundCount } from '../../lib/sensemaking';
import { valueLabel } from '../../lib/stories';
import { Checkbox, Fieldset, TextField } from '../../components/Field';

/** How many stories a search shows; narrow the search to find others. */
const RESULTS = 50;
/** At most this many stories in a session (docs/openapi.json, SensemakingSessionCreate.story_ids). */
export const MAX_PICKED = 500;

interface Props {
  picked: readonly StoryBrief[];
  onChange: (picked: StoryBrief[]) => void;
  error?: string | undefined;
}

function brief(s: Story): StoryBrief {
  return { id: s.id, title: s.title, date: s.date, teller_kind: s.teller_kind, topic: s.topic, valuation: s.valuation };
}

export function StoryPicker({ picked, onChange, error }: Props) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [found, setFound] = useState<({ items: StoryBrief[] } & FoundCount) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  // Search 300 ms after the last key (at once on Enter).
  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setAsked(q.trim()), asked === null ? 0 : 300);
    return () => window.clearTimeout(timer.current);
  }, [q]);

  useLoad(() => (asked === null ? null : api.stories({ q: asked || null, limit: RESULTS })), [asked], {
    ok: (page) => {
      setFound({ items: page.items.map(brief), total: page.total, total_exact: page.total_exact });
      setProblem(null);
    },
    fail: (err) => setProblem(describeError(err, t, lang).message),
  });

  const isPicked = (id: number) => picked.some((p) => p.id === id);
  const toggle = (s: StoryBrief, on: boolean) =>
    onChange(
      on
        ? isPicked(s.id) || picked.length >= MAX_PICKED
          ? [...picked]
          : [...picked, s]
        : picked.filter((p) => p.id !== s.id),
    );
  const line = (s: StoryBrief) => (
    <>
      {s.title}
      <span class="wk-muted wk-pick__meta">
        {' '}
        — {formatDate(s.date, lang)}
        {s.topic ? `, ${valueLabel(s.topic, lang)}` : ''}
        {s.valuation ? `, ${valueLabel(s.valuation, lang)}` : ''}
      </span>
    </>
  );

  return (
    <div class="wk-picker">
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).id === 'session-pick-q') {
            e.preventDefault();
            window.clearTimeout(timer.current);
            setAsked(q.trim());
          }
        }}
      >
        <TextField
          id="session-pick-q"
          label={t('sessionForm.pickSearch')}
          description={t('sessionForm.pickSearchHelp')}
          value={q}
          onValue={setQ}
          maxLength={100}
        />
      </div>
      <div role="status" class="wk-live wk-picker__status">
        {problem ? null : found ? pickFoundMessage(t, lang, found.items.length, found) : ''}
      </div>
      {problem ? <p class="utrecht-paragraph wk-cell-error">{problem}</p> : null}
      {found && found.items.length ? (
        <Fieldset id="session-pick-results" legend={t('sessionForm.pickResults')}>
          {found.items.map((s) => (
            <Checkbox
              key={s.id}
              id={`session-pick-${s.id}`}
              label={line(s)}
              checked={isPicked(s.id)}
              onChecked={(on) => toggle(s, on)}
            />
          ))}
        </Fieldset>
      ) : null}
      <Fieldset
        id="session-story_ids"
        legend={t('sessionForm.picked', { count: picked.length })}
        description={picked.length ? t('sessionForm.pickedHelp') : t('sessionForm.pickedNone')}
        error={error}
      >
        {picked.map((s) => (
          <Checkbox
            key={s.id}
            id={`session-picked-${s.id}`}
            label={line(s)}
            checked
            onChecked={(on) => toggle(s, on)}
          />
        ))}
      </Fieldset>
    </div>
  );
}
