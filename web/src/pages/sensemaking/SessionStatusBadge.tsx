import { useI18n } from '../../i18n/context';
import type { SessionStatus } from '../../lib/api';

/** A session's status as a badge: Open or Afgesloten. */
export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useI18n();
  return (
    <span class={`utrecht-status-badge wk-badge wk-badge--session-${status}`}>
      {t(status === 'open' ? 'sessions.status.open' : 'sessions.status.closed')}
    </span>
  );
}
