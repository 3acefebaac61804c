import { Link } from './Link';

/**
 * Previous/next links under a paged list, with "where am I" in between. `prev` and
 * `next` are query strings (e.g. `?offset=25`) appended to `path`, or null at the ends;
 * `first` (with `firstText`), when given, a link back to the first page before them;
 * `stopText`, when given, a short note where "Volgende" would be (a list the server
 * pages no further by offset: "Verfijn het filter om verder te kijken.").
 * `onNavigate` runs before the link is followed (pages use it to move focus afterwards).
 */
export function Pager(props: {
  path: string;
  prev: string | null;
  next: string | null;
  label: string;
  prevText: string;
  nextText: string;
  where: string;
  onNavigate: () => void;
  first?: string | null;
  firstText?: string;
  stopText?: string | null;
}) {
  const {
    path,
    prev,
    next,
    label,
    prevText,
    nextText,
    where,
    onNavigate,
    first = null,
    firstText = '',
    stopText = null,
  } = props;
  if (prev === null && next === null && first === null && stopText === null) return null;
  return (
    <nav class="wk-pager" aria-label={label}>
      {first !== null ? (
        <Link
          href={`${path}${first}`}
          class="utrecht-link utrecht-link--html-a wk-pager__link"
          onClickCapture={onNavigate}
        >
          {firstText}
        </Link>
      ) : null}
      {prev !== null ? (
        <Link
          href={`${path}${prev}`}
          class="utrecht-link utrecht-link--html-a wk-pager__link"
          onClickCapture={onNavigate}
        >
          {prevText}
        </Link>
      ) : null}
      <span class="wk-pager__where">{where}</span>
      {next !== null ? (
        <Link
          href={`${path}${next}`}
          class="utrecht-link utrecht-link--html-a wk-pager__link"
          onClickCapture={onNavigate}
        >
          {nextText}
        </Link>
      ) : stopText !== null ? (
        <span class="wk-pager__stop">{stopText}</span>
      ) : null}
    </nav>
  );
}
