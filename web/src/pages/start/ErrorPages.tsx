import { useI18n } from '../../i18n/context';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../components/Link';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('app.notFound.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('app.notFound.text')}</p>
      <p class="utrecht-paragraph">
        <Link href="/">{t('app.backToStart')}</Link>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('app.forbidden.title')}</PageHeading>
      <p class="utrecht-paragraph">{t('app.forbidden.text')}</p>
      <p class="utrecht-paragraph">
        <Link href="/">{t('app.backToStart')}</Link>
      </p>
    </>
  );
}
