import { useI18n } from '../../i18n/context';
import type { Me } from '../../lib/api';
import { navItems, roleLabels } from '../../lib/roles';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../components/Link';

export function StartPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const tasks = navItems(me.roles).filter((i) => i.page !== 'start');
  return (
    <>
      <PageHeading>{t('start.title', { name: me.name })}</PageHeading>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t('start.intro', { organisation: me.organisation.name })}</p>

      <div class="wk-cards">
        <section class="wk-card" aria-labelledby="start-roles">
          <h2 id="start-roles" class="utrecht-heading-2">
            {t('start.roles')}
          </h2>
          <ul class="utrecht-unordered-list wk-plain-list">
            {roleLabels(me.roles, t).map((label) => (
              <li class="utrecht-unordered-list__item" key={label}>
                {label}
              </li>
            ))}
          </ul>
        </section>

        <section class="wk-card" aria-labelledby="start-teams">
          <h2 id="start-teams" class="utrecht-heading-2">
            {t('start.teams')}
          </h2>
          {me.teams.length ? (
            <ul class="utrecht-unordered-list wk-plain-list">
              {me.teams.map((team) => (
                <li class="utrecht-unordered-list__item" key={team.id}>
                  {team.name}
                </li>
              ))}
            </ul>
          ) : (
            <p class="utrecht-paragraph">{t('start.noTeams')}</p>
          )}
        </section>

        {tasks.length ? (
          <section class="wk-card" aria-labelledby="start-tasks">
            <h2 id="start-tasks" class="utrecht-heading-2">
              {t('start.tasks')}
            </h2>
            <ul class="utrecht-unordered-list wk-plain-list">
              {tasks.map((item) => (
                <li class="utrecht-unordered-list__item" key={item.path}>
                  <Link href={item.path}>{t(item.label)}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
