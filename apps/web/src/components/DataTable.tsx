import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, ReactNode, useState } from 'react';
import type { Page } from '../api/types';
import { QueryValue } from '../api/client';
import { formatInt } from './format';
import { EmptyState, ErrorBanner, Skeleton } from './ui';
import { useUrlState } from './url-state';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** the API's sort key; the header is clickable when set */
  sortKey?: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  className?: string;
}

export interface DataTableProps<T> {
  /** accessible name of the table */
  label: string;
  /** the resource's query key prefix, e.g. ['skus', 'list'] */
  queryKey: readonly unknown[];
  fetchPage: (params: Record<string, QueryValue>, signal: AbortSignal) => Promise<Page<T>>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** the current filters (already read from the URL by the page) */
  filters?: Record<string, QueryValue>;
  defaultSort?: string;
  pageSizes?: number[];
  onRowClick?: (row: T) => void;
  renderExpanded?: (row: T) => ReactNode;
  empty?: ReactNode;
  /** a prefix for the URL keys, when a page shows two tables */
  urlPrefix?: string;
  /** checkboxes per row and for the whole page; the page keeps the selection */
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void; rowLabel: (row: T) => string };
  rowClassName?: (row: T) => string | undefined;
  /** tighter cells, for wide tables */
  dense?: boolean;
}

const DEFAULT_PAGE_SIZES = [25, 50, 100];

/**
 * A server-side table: the server sorts, filters and pages (offset + limit), the table shows one page and the
 * total. Sort, page and page size live in the URL with the page's filters.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { get, set } = useUrlState();
  const p = props.urlPrefix ?? '';
  const pageSizes = props.pageSizes ?? DEFAULT_PAGE_SIZES;
  const sort = get(`${p}sort`, props.defaultSort ?? '');
  const limit = pageSizes.includes(Number(get(`${p}size`))) ? Number(get(`${p}size`)) : pageSizes[0];
  const page = Math.max(1, Number(get(`${p}page`, '1')) || 1);
  const offset = (page - 1) * limit;
  const [expanded, setExpanded] = useState<string | null>(null);

  const params: Record<string, QueryValue> = { ...props.filters, sort: sort || undefined, limit, offset };
  const query = useQuery({
    queryKey: [...props.queryKey, params],
    queryFn: ({ signal }) => props.fetchPage(params, signal),
    placeholderData: keepPreviousData,
  });

  const total = query.data?.total ?? 0;
  const items = query.data?.items ?? [];
  const pageCount = Math.max(1, Math.ceil(total / limit));
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + items.length, total);

  const toggleSort = (key: string) => {
    const next = sort === key ? `-${key}` : sort === `-${key}` ? (props.defaultSort === key ? key : '') : key;
    set({ [`${p}sort`]: next || null, [`${p}page`]: null });
  };
  const goTo = (n: number) => set({ [`${p}page`]: n <= 1 ? null : n });
  const colCount = props.columns.length + (props.renderExpanded ? 1 : 0) + (props.selection ? 1 : 0);
  const sel = props.selection;
  const pageKeys = items.map(props.rowKey);
  const pageSelected = sel ? pageKeys.filter((k) => sel.selected.has(k)).length : 0;
  const togglePage = () => {
    if (!sel) return;
    const next = new Set(sel.selected);
    if (pageSelected === pageKeys.length) pageKeys.forEach((k) => next.delete(k));
    else pageKeys.forEach((k) => next.add(k));
    sel.onChange(next);
  };
  const toggleRow = (key: string) => {
    if (!sel) return;
    const next = new Set(sel.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    sel.onChange(next);
  };

  return (
    <div className="table-wrap">
      {query.isError && <ErrorBanner error={query.error} title={`Could not load ${props.label.toLowerCase()}`} onRetry={() => query.refetch()} />}
      <div className={`table-scroll ${query.isFetching && !query.isLoading ? 'is-refreshing' : ''}`}>
        <table className={`table ${props.dense ? 'table--dense' : ''}`} aria-label={props.label} aria-busy={query.isFetching}>
          <thead>
            <tr>
              {sel && (
                <th style={{ width: 36 }} className="table__check">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={pageKeys.length > 0 && pageSelected === pageKeys.length}
                    ref={(el) => {
                      if (el) el.indeterminate = pageSelected > 0 && pageSelected < pageKeys.length;
                    }}
                    disabled={pageKeys.length === 0}
                    onChange={togglePage}
                  />
                </th>
              )}
              {props.renderExpanded && <th style={{ width: 32 }} aria-label="Details" />}
              {props.columns.map((c) => {
                const active = c.sortKey && (sort === c.sortKey || sort === `-${c.sortKey}`);
                const desc = sort === `-${c.sortKey}`;
                return (
                  <th
                    key={c.key}
                    style={{ width: c.width, textAlign: c.align }}
                    className={c.className}
                    aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}
                  >
                    {c.sortKey ? (
                      <button type="button" className={`th-sort ${active ? 'is-active' : ''}`} onClick={() => toggleSort(c.sortKey!)}>
                        {c.header}
                        <span className="th-sort__icon" aria-hidden>
                          {active ? (desc ? '↓' : '↑') : '↕'}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {query.isLoading &&
              Array.from({ length: 8 }, (_, i) => (
                <tr key={`s${i}`} className="table__skeleton-row">
                  {Array.from({ length: colCount }, (_, j) => (
                    <td key={j}>
                      <Skeleton width={j === 0 ? '60%' : `${40 + ((i * 7 + j * 13) % 45)}%`} />
                    </td>
                  ))}
                </tr>
              ))}
            {!query.isLoading && !query.isError && items.length === 0 && (
              <tr>
                <td colSpan={colCount} className="table__empty">
                  {props.empty ?? <EmptyState title="Nothing here yet" />}
                </td>
              </tr>
            )}
            {items.map((row) => {
              const key = props.rowKey(row);
              const isOpen = expanded === key;
              return (
                <Fragment key={key}>
                  <tr
                    className={[props.onRowClick || props.renderExpanded ? 'is-clickable' : '', sel?.selected.has(key) ? 'is-checked' : '', props.rowClassName?.(row) ?? '']
                      .filter(Boolean)
                      .join(' ') || undefined}
                    onClick={() => {
                      if (props.onRowClick) props.onRowClick(row);
                      else if (props.renderExpanded) setExpanded(isOpen ? null : key);
                    }}
                  >
                    {sel && (
                      <td className="table__check" onClick={(e) => e.stopPropagation()}>
                        <input type="checkbox" aria-label={`Select ${sel.rowLabel(row)}`} checked={sel.selected.has(key)} onChange={() => toggleRow(key)} />
                      </td>
                    )}
                    {props.renderExpanded && (
                      <td>
                        <button
                          type="button"
                          className="row-toggle"
                          aria-expanded={isOpen}
                          aria-label={isOpen ? 'Hide details' : 'Show details'}
                          onClick={(e) => {
                            e.stopPropagation();
                            setExpanded(isOpen ? null : key);
                          }}
                        >
                          {isOpen ? '▾' : '▸'}
                        </button>
                      </td>
                    )}
                    {props.columns.map((c) => (
                      <td key={c.key} style={{ textAlign: c.align }} className={c.className}>
                        {c.render(row)}
                      </td>
                    ))}
                  </tr>
                  {isOpen && props.renderExpanded && (
                    <tr className="table__expanded">
                      <td colSpan={colCount}>{props.renderExpanded(row)}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="pagination" role="navigation" aria-label={`${props.label} pagination`}>
        <div className="pagination__summary">
          {query.isLoading ? <Skeleton width={140} /> : total === 0 ? 'No results' : `${formatInt(from)}–${formatInt(to)} of ${formatInt(total)}`}
        </div>
        <div className="pagination__controls">
          <label className="pagination__size">
            Rows per page
            <select value={limit} onChange={(e) => set({ [`${p}size`]: Number(e.target.value) === pageSizes[0] ? null : e.target.value })}>
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => goTo(page - 1)} disabled={page <= 1}>
            Previous
          </button>
          <span className="pagination__page">
            Page {formatInt(page)} of {formatInt(pageCount)}
          </span>
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => goTo(page + 1)} disabled={page >= pageCount || query.isPlaceholderData}>
            Next
          </button>
        </div>
      </div>
    </div>
  );
}
