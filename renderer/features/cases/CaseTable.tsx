import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Anchor, Badge, Box, Group, Skeleton, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseListInput, CaseRow } from '../../../shared/contract/cases';
import { formatDateTime, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCaseListPagesInfiniteQuery } from './api';
import { RiskBadge, StageBadge } from './ui';

/** Rows read per call; the next page is asked for when the rows drawn come within LOOKAHEAD of the end. */
export const CASE_PAGE = 50;
const LOOKAHEAD = 15;
const ROW_HEIGHT = 41;
const COLUMNS = 9;

/**
 * The case list as one scrolling table that stays light however many cases match: only the rows in
 * view (plus a few either side) are in the page, and further keyset pages are read as the user scrolls
 * (`cases.list` with the previous page's cursor). For screen readers the table keeps its header and
 * says how many rows it has (`aria-rowcount`, -1 while the count is capped) and where each drawn row
 * sits (`aria-rowindex`). Keyboard: Tab reaches each case's link; the arrow keys, Home and End move
 * between cases, scrolling as needed; Enter opens the case.
 */
export function CaseTable({ input, staff }: { input: Omit<CaseListInput, 'cursor'>; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useCaseListPagesInfiniteQuery(input);
  const rows = useMemo<CaseRow[]>(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  const first = list.data?.pages[0];
  const scroller = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const helpId = useId();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => rows[index]?.caseId ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastDrawn = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, isFetching, fetchNextPage } = list;

  // Other filters: back to the top.
  const filterKey = JSON.stringify(input);
  useEffect(() => {
    // In braces: recent Chromium returns a promise from scrollTo, and an effect may return only a cleanup function.
    scroller.current?.scrollTo({ top: 0 });
  }, [filterKey]);

  useEffect(() => {
    if (hasNextPage && !isFetching && lastDrawn >= rows.length - LOOKAHEAD) void fetchNextPage();
  }, [hasNextPage, isFetching, lastDrawn, rows.length, fetchNextPage]);

  // Arrow keys: the row to focus once it is drawn (it may be scrolled into the page first).
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  useEffect(() => {
    if (pendingFocus === null) return;
    const link = scroller.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus}"] [data-row-link]`);
    if (link) {
      link.focus();
      setPendingFocus(null);
    }
  });
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || rows.length === 0) return;
    const at = Number(row.dataset.index);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(rows.length - 1, to));
    virtualizer.scrollToIndex(index, { align: 'auto' });
    setPendingFocus(index);
  };

  if (list.isLoading) return <Skeleton h={200} />;
  if (!list.data) return <ErrorAlert error={list.error} />;

  const total = first?.total ?? rows.length;
  const capped = first?.totalCapped ?? false;
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const spacer = (height: number, key: string) =>
    height > 0 && (
      <tr aria-hidden="true" key={key}>
        <td colSpan={COLUMNS} style={{ height, padding: 0, border: 0 }} />
      </tr>
    );

  return (
    <>
      <ErrorAlert error={list.error} />
      <Group justify="space-between" align="flex-end">
        <Text size="sm" id={captionId} data-testid="case-count">
          {capped ? t('caseFile.list.captionMore', { total: formatNumber(total, i18n.language) }) : t('caseFile.list.caption', { total: formatNumber(total, i18n.language) })}
        </Text>
        <Text size="xs" c="dimmed" id={helpId}>
          {t('caseFile.list.keyboardHelp')}
        </Text>
      </Group>
      <Box
        ref={scroller}
        mah="min(70vh, 640px)"
        style={{ overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
        role="region"
        aria-label={t('caseFile.list.scrollRegion')}
        data-testid="case-scroller"
      >
        <Table
          verticalSpacing="xs"
          striped
          highlightOnHover
          stickyHeader
          miw={900}
          data-testid="case-table"
          aria-labelledby={captionId}
          aria-describedby={helpId}
          aria-busy={isFetching}
          aria-rowcount={capped ? -1 : total + 1}
        >
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th scope="col">{t('caseFile.list.caseNumber')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.name')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.age')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.citizenship')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.stage')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.risk')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.assignee')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.registered')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.flags')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody onKeyDown={onKeyDown}>
            {spacer(before, 'before')}
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <Table.Tr
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  data-testid="case-row"
                  data-case-number={row.caseNumber}
                >
                  <CaseCells row={row} staff={staff} />
                </Table.Tr>
              );
            })}
            {spacer(after, 'after')}
          </Table.Tbody>
        </Table>
      </Box>
      {rows.length === 0 && <Text c="dimmed">{t('caseFile.list.empty')}</Text>}
      <Text size="sm" c="dimmed" role="status" data-testid="case-list-status">
        {isFetchingNextPage ? t('caseFile.list.loadingMore') : !hasNextPage && rows.length > 0 ? t('caseFile.list.allLoaded', { shown: formatNumber(rows.length, i18n.language) }) : ''}
      </Text>
    </>
  );
}

function CaseCells({ row, staff }: { row: CaseRow; staff: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Table.Td>
        {staff ? (
          <Anchor component={Link} to={`/cases/${row.caseId}`} ff="monospace" size="sm" data-row-link>
            {row.caseNumber}
          </Anchor>
        ) : (
          <Text span ff="monospace" size="sm" tabIndex={0} data-row-link>
            {row.caseNumber}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {row.namesHidden || row.displayName === null ? (
          <Text span c="dimmed" size="sm">
            {t('caseFile.list.nameHidden')}
          </Text>
        ) : (
          row.displayName
        )}
      </Table.Td>
      <Table.Td>{row.age !== null ? formatNumber(row.age, i18n.language) : (row.ageBand ?? '—')}</Table.Td>
      <Table.Td>{row.citizenships.join(', ')}</Table.Td>
      <Table.Td>
        <StageBadge stage={row.stage} />
      </Table.Td>
      <Table.Td>
        <RiskBadge level={row.riskLevel} />
      </Table.Td>
      <Table.Td>{row.assignee ?? t('caseFile.list.unassigned')}</Table.Td>
      <Table.Td>{formatDateTime(row.registeredAt, i18n.language)}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {row.overdue && (
            <Badge color="red" variant="light" size="sm">
              {t('caseFile.list.overdue')}
            </Badge>
          )}
          {row.closurePending && (
            <Badge color="orange" variant="light" size="sm">
              {t('caseFile.list.closurePending')}
            </Badge>
          )}
          {row.possibleDuplicate && (
            <Badge color="yellow" variant="light" size="sm">
              {t('caseFile.list.possibleDuplicate')}
            </Badge>
          )}
          {row.demo && (
            <Badge color="gray" variant="light" size="sm">
              {t('caseFile.list.demo')}
            </Badge>
          )}
        </Group>
      </Table.Td>
    </>
  );
}
