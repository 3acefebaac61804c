// What the Kennisbank pages share: the category, status and "herziening verlopen"
// badges, an item's tags as links to the filtered list, and whether the user may write
// items (quality staff always; coaches where the organisation allows it).
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/context';
import type { Me } from '../../lib/api';
import { can } from '../../lib/roles';
import { Link } from '../../components/Link';

export function categoryKey(category: string): MessageKey {
  return `knowledge.category.${category}` as MessageKey;
}
export function knowledgeStatusKey(status: string): MessageKey {
  return `knowledge.status.${status}` as MessageKey;
}

export function CategoryBadge({ category }: { category: string }) {
  const { t } = useI18n();
  return <span class={`utrecht-status-badge wk-badge wk-badge--kb-category`}>{t(categoryKey(category))}</span>;
}

/** The item's (or a version's) status: Concept, Ter review, Gepubliceerd, Gearchiveerd, Vervangen. */
export function KnowledgeStatusBadge({ status, prefix }: { status: string; prefix?: string }) {
  const { t } = useI18n();
  return (
    <span class={`utrecht-status-badge wk-badge wk-badge--kb-${status}`}>
      {prefix ? `${prefix} ` : ''}
      {t(knowledgeStatusKey(status))}
    </span>
  );
}

/** "Herziening verlopen": the review-by date has passed. */
export function OverdueBadge() {
  const { t } = useI18n();
  return <span class="utrecht-status-badge wk-badge wk-badge--overdue">{t('knowledge.overdue')}</span>;
}

/** Tags as links to the list filtered on that tag (or as text when `links` is false). */
export function TagList({ tags, links = true }: { tags: readonly string[]; links?: boolean }) {
  const { t } = useI18n();
  if (!tags.length) return null;
  return (
    <ul class="wk-tags" aria-label={t('knowledge.col.tags')}>
      {tags.map((tag) => (
        <li key={tag} class="wk-tags__item">
          {links ? (
            <Link href={`/kennisbank?tag=${encodeURIComponent(tag)}`} class="utrecht-link utrecht-link--html-a wk-tag">
              {tag}
            </Link>
          ) : (
            <span class="wk-tag">{tag}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * May this user write items? Quality staff, and coaches where the organisation allows it
 * (`knowledge_coach_authors`): the server says so in the user's capabilities. Never null
 * any more; the type stays for the pages that wait for it.
 */
export function useMayWriteKnowledge(me: Me): boolean | null {
  return can(me, 'write_knowledge');
}
