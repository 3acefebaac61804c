// The story filter's fields — period, team, teller kind, topic, valuation, search text —
// shared by the story list (/verhalen) and a sense-making session's saved filter
// (/duidingssessies/nieuw and …/wijzigen). Ids are `${prefix}-from`, `${prefix}-team`, …
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import { TELLER_KINDS, type SignValue } from '../../lib/api';
import { valueLabel, type FilterFields } from '../../lib/stories';
import { teamOptions } from '../../lib/teams';
import { DateField, SelectField, TextField } from '../../components/Field';

interface Props {
  prefix: string;
  value: FilterFields;
  onChange: (patch: Partial<FilterFields>) => void;
  /** Field → message (the dates). */
  errors: Record<string, string | undefined>;
  /** In the order to offer them; `own` marks the user's own teams (grouped when there are others). */
  teams: readonly { id: number; name: string; own?: boolean }[];
  topics: readonly SignValue[];
  valuations: readonly SignValue[];
}

export function StoryFilterFields({ prefix, value, onChange, errors, teams, topics, valuations }: Props) {
  const { t, lang } = useI18n();
  const set = (key: keyof FilterFields) => (v: string) => onChange({ [key]: v });
  return (
    <>
      <DateField
        id={`${prefix}-from`}
        label={t('stories.filter.from')}
        value={value.from}
        onValue={set('from')}
        error={errors.from}
      />
      <DateField
        id={`${prefix}-to`}
        label={t('stories.filter.to')}
        value={value.to}
        onValue={set('to')}
        error={errors.to}
      />
      <SelectField
        id={`${prefix}-team`}
        label={t('stories.filter.team')}
        value={value.team}
        onValue={set('team')}
        placeholder={t('stories.filter.allTeams')}
        options={teamOptions(teams, { own: t('teams.own'), others: t('teams.others') })}
      />
      <SelectField
        id={`${prefix}-teller`}
        label={t('stories.filter.teller')}
        value={value.teller}
        onValue={set('teller')}
        placeholder={t('stories.filter.allTellers')}
        options={TELLER_KINDS.map((k) => ({ value: k, label: t(`teller.${k}` as MessageKey) }))}
      />
      <SelectField
        id={`${prefix}-topic`}
        label={t('stories.filter.topic')}
        value={value.topic}
        onValue={set('topic')}
        placeholder={t('stories.filter.allTopics')}
        options={topics.map((v) => ({ value: String(v.id), label: valueLabel(v, lang) }))}
      />
      <SelectField
        id={`${prefix}-valuation`}
        label={t('stories.filter.valuation')}
        value={value.valuation}
        onValue={set('valuation')}
        placeholder={t('stories.filter.allValuations')}
        options={valuations.map((v) => ({ value: String(v.id), label: valueLabel(v, lang) }))}
      />
      <TextField id={`${prefix}-q`} label={t('stories.filter.q')} value={value.q} onValue={set('q')} maxLength={100} />
    </>
  );
}
