import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../components/Link';

/** A page that only says what went wrong and links back to the start page. */
function MessagePage({ title, text }: { title: MessageKey; text: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t(title)}</PageHeading>
      <p class="utrecht-paragraph">{t(text)}</p>
      <p class="utrecht-paragraph">
        <Link href="/">{t('app.backToStart')}</Link>
      </p>
    </>
  );
}

export function NotFoundPage() {
  return <MessagePage title="app.notFound.title" text="app.notFound.text" />;
}

export function ForbiddenPage() {
  return <MessagePage title="app.forbidden.title" text="app.forbidden.text" />;
}
