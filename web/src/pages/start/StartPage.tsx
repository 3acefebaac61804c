import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Action, type Me } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { can, navItems, roleLabels } from '../../lib/roles';
import { isOpenAction } from '../../lib/sensemaking';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../components/Link';
import { LiveRegions, Loading } from '../../components/Notices';
import { ActionTable } from '../sensemaking/Actions';

export function StartPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const tasks = navItems(me).filter((i) => i.page !== 'start');
  return (
    <>
      <PageHeading>{t('start.title', { name: me.name })}</PageHeading>
      <p class="utrecht-paragraph utrecht-paragraph--lead">
        {t('start.intro', { organisation: me.organisation.name })}
      </p>

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
      {can(me, 'read_sessions') ? <MyActions me={me} /> : null}
    </>
  );
}

/** "Mijn acties": the open actions of sense-making sessions that this user owns. */
function MyActions({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [actions, setActions] = useState<Action[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    api.actions({ owner: 'me', open: true, limit: 100 }).then(
      (page) => setActions(page.items),
      (err) => setError(describeError(err, t, lang).message),
    );
  }, []);

  const overdue = actions?.filter((a) => a.overdue).length ?? 0;
  return (
    <section class="wk-section wk-my-actions" aria-labelledby="start-actions">
      <h2 id="start-actions" class="utrecht-heading-2" tabIndex={-1}>
        {t('myActions.title')}
      </h2>
      <p class="utrecht-paragraph">
        {t('myActions.intro')}
        {overdue ? (
          <strong> {overdue === 1 ? t('myActions.overdueOne') : t('myActions.overdue', { count: overdue })}</strong>
        ) : null}
      </p>
      <LiveRegions error={error} status={status} />
      {actions === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <ActionTable
          id="my-actions"
          caption={t('myActions.caption', { count: actions.length })}
          empty={t('myActions.empty')}
          actions={actions}
          me={me}
          context="mine"
          onSaved={(saved, message) => {
            setActions((list) =>
              (list ?? []).flatMap((a) => (a.id !== saved.id ? [a] : isOpenAction(saved.status) ? [saved] : [])),
            );
            setStatus(message);
            if (!isOpenAction(saved.status))
              requestAnimationFrame(() => document.getElementById('start-actions')?.focus());
          }}
        />
      )}
    </section>
  );
}
