import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/context';
import type { CaseStatus } from '../lib/api';

export function statusKey(status: string): MessageKey {
  return `caseStatus.${status}` as MessageKey;
}

/** A case's status as a badge: Lopend, Zo goed als afgerond, Afgerond. */
export function StatusBadge({ status }: { status: CaseStatus | string }) {
  const { t } = useI18n();
  return <span class={`utrecht-status-badge wk-badge wk-badge--${status}`}>{t(statusKey(status))}</span>;
}
