import { Badge, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTranslate } from './translate';
import { categoryLabel, dimensionLabel, type CrossTab, type OneWayTable } from '../../../shared/domain/reports';
import { formatNumber, formatPercent } from '../../app/format';

/**
 * The protected tables: a hidden count is shown as a grey "hidden" mark with the reason on hover and
 * for screen readers — never as a number, since the core never sent one.
 */

export function Count({ value, k, testId }: { value: number | null; k: number; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (value === null) {
    return (
      <Tooltip label={t('reportsModule.table.hiddenHelp', { k })}>
        <Badge color="gray" variant="light" data-testid={testId} data-hidden="true" aria-label={t('reportsModule.table.hiddenHelp', { k })}>
          {t('reportsModule.table.hidden')}
        </Badge>
      </Tooltip>
    );
  }
  return <span data-testid={testId}>{formatNumber(value, i18n.language)}</span>;
}

export function OneWayView({ table, k }: { table: OneWayTable; k: number }) {
  const { t, i18n } = useTranslation();
  const tr = useTranslate();
  const d = table.dimension;
  return (
    <Stack gap={4} data-testid={`report-table-${d}`}>
      <Text fw={600}>{dimensionLabel(d, tr)}</Text>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reportsModule.table.category')}</Table.Th>
            <Table.Th ta="right">{t('reportsModule.table.count')}</Table.Th>
            <Table.Th ta="right">{t('reportsModule.table.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((r) => (
            <Table.Tr key={r.category}>
              <Table.Td>{categoryLabel(d, r.category, tr, i18n.language)}</Table.Td>
              <Table.Td ta="right">
                <Count value={r.count} k={k} testId={`cell-${d}-${r.category}`} />
              </Table.Td>
              <Table.Td ta="right">{r.share === null ? '' : formatPercent(r.share, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fs="italic">{t('reportsModule.unknown')}</Table.Td>
            <Table.Td ta="right">
              <Count value={table.unknown} k={k} testId={`cell-${d}-unknown`} />
            </Table.Td>
            <Table.Td />
          </Table.Tr>
          <Table.Tr>
            <Table.Td fs="italic">{t('reportsModule.table.recorded')}</Table.Td>
            <Table.Td ta="right">
              <Count value={table.recorded} k={k} testId={`recorded-${d}`} />
            </Table.Td>
            <Table.Td />
          </Table.Tr>
          <Table.Tr>
            <Table.Td fw={600}>{t('reportsModule.table.total')}</Table.Td>
            <Table.Td ta="right" fw={600}>
              <Count value={table.total} k={k} testId={`total-${d}`} />
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {table.multi && (
        <Text size="xs" c="dimmed">
          {t('reportsModule.table.multiNote')}
        </Text>
      )}
    </Stack>
  );
}

export function CrossTabView({ cross, k }: { cross: CrossTab; k: number }) {
  const { t, i18n } = useTranslation();
  const tr = useTranslate();
  return (
    <Stack gap={4} data-testid="report-cross">
      <Text fw={600}>
        {dimensionLabel(cross.rows, tr)} × {dimensionLabel(cross.columns, tr)}
      </Text>
      <Table.ScrollContainer minWidth={400}>
        <Table striped withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {cross.columnCategories.map((c) => (
                <Table.Th key={c} ta="right">
                  {categoryLabel(cross.columns, c, tr, i18n.language)}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('reportsModule.table.rowTotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cross.rowCategories.map((r, i) => (
              <Table.Tr key={r}>
                <Table.Th>{categoryLabel(cross.rows, r, tr, i18n.language)}</Table.Th>
                {cross.cells[i]!.map((v, j) => (
                  <Table.Td key={cross.columnCategories[j]} ta="right">
                    <Count value={v} k={k} testId={`cross-${r}-${cross.columnCategories[j]}`} />
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  <Count value={cross.rowTotals[i]!} k={k} testId={`cross-row-${r}`} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th>{t('reportsModule.table.columnTotal')}</Table.Th>
              {cross.columnTotals.map((v, j) => (
                <Table.Td key={cross.columnCategories[j]} ta="right" fw={600}>
                  <Count value={v} k={k} testId={`cross-col-${cross.columnCategories[j]}`} />
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={700}>
                <Count value={cross.grandTotal} k={k} testId="cross-total" />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {cross.countsMentions && (
        <Text size="xs" c="dimmed">
          {t('reportsModule.table.mentionsNote')}
        </Text>
      )}
    </Stack>
  );
}
