// A data table built from the NL Design System (Utrecht) table CSS: a scrollable region
// named by the table's caption (role="region", aria-labelledby, reachable by keyboard so
// a wide table can be scrolled without a mouse), <caption>, column headers with
// scope="col", and a paragraph instead of the table when there are no rows. When a heading
// right above already names the table (`labelledBy`), there is no caption: the heading
// names the table, and the scrollable box is a group of that name rather than a second
// region (the heading's section is the region already), so nothing is said twice. The
// caller writes the rows (<tr> with a <th scope="row"> and <td> cells); each needs its own key.
import type { ComponentChildren, VNode } from 'preact';

export interface Column {
  /** Only for Preact's list key; not shown. */
  key: string;
  label: string;
  /** Right-aligned (counts, amounts); the cells then use utrecht-table__cell--numeric-data. */
  numeric?: boolean;
}

interface DataTableProps<T> {
  /** Prefix for the caption's id (`${id}-caption`), which also names the region. */
  id: string;
  /** The table's caption; leave it out when `labelledBy` names the table. */
  caption?: ComponentChildren;
  /** The id of a heading that names the table (instead of a caption). */
  labelledBy?: string;
  columns: Column[];
  /** Shown instead of the table when `rows` is empty. */
  empty: string;
  rows: readonly T[];
  renderRow: (row: T) => VNode;
  /** Extra class on the <table>, e.g. for the tests or the page's own CSS. */
  tableClass?: string;
}

export function DataTable<T>({
  id,
  caption,
  labelledBy,
  columns,
  empty,
  rows,
  renderRow,
  tableClass,
}: DataTableProps<T>) {
  if (!rows.length) return <p class="utrecht-paragraph">{empty}</p>;
  const captionId = `${id}-caption`;
  return (
    <div
      class="utrecht-table-container utrecht-table-container--overflow-inline wk-table-wrap"
      role={labelledBy ? 'group' : 'region'}
      aria-labelledby={labelledBy ?? captionId}
      tabIndex={0}
    >
      <table
        class={`utrecht-table utrecht-table--html-table utrecht-table--alternate-row-color wk-table${tableClass ? ` ${tableClass}` : ''}`}
        aria-labelledby={labelledBy}
      >
        {labelledBy ? null : (
          <caption id={captionId} class="utrecht-table__caption">
            {caption}
          </caption>
        )}
        <TableHead columns={columns} />
        <tbody class="utrecht-table__body">{rows.map((row) => renderRow(row))}</tbody>
      </table>
    </div>
  );
}

/** The header row of column headers (scope="col"); also for small tables inside a cell. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead class="utrecht-table__header">
      <tr class="utrecht-table__row">
        {columns.map((c) => (
          <th
            key={c.key}
            scope="col"
            class={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}
          >
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
