import { useState } from 'react';
import { Badge, Code, Group, Pagination, Skeleton, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/contract/audit';
import { useAuditListQuery } from '../../app/api';
import { formatNumber, formatTimestamp } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { AuditFilters, emptyFilters, toAuditFilter, type AuditFilterDraft } from './AuditFilters';
import { actionKey } from './auditActions';
import { VerifyChain } from './VerifyChain';

export const AUDIT_PAGE_SIZE = 50;

const OUTCOME_COLORS = { ok: 'green', denied: 'orange', failed: 'red', error: 'red' } as const;

/** Details as compact JSON text: whatever they hold is rendered as text, never as markup. */
const detailsText = (entry: AuditEntry): string => (entry.details && Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : '');

/** Administrators and auditors: the hash-chained audit log, newest first, filtered and paged. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterDraft>(emptyFilters);
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(filters, 300);
  const list = useAuditListQuery({ ...toAuditFilter(debounced), limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const first = total === 0 ? 0 : (page - 1) * AUDIT_PAGE_SIZE + 1;
  const last = Math.min(total, page * AUDIT_PAGE_SIZE);
  const n = (value: number) => formatNumber(value, i18n.language);

  return (
    <Page title={t('audit.title')} description={t('audit.description')} actions={<VerifyChain />}>
      <AuditFilters
        value={filters}
        onChange={(value) => {
          setFilters(value);
          setPage(1);
        }}
      />
      <ErrorAlert error={list.error} />
      {list.isLoading && <Skeleton h={240} />}
      {list.data && (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table data-testid="audit-table" aria-busy={list.isFetching}>
              <Table.Caption>{t('audit.caption', { first: n(first), last: n(last), total: n(total) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit.user')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.record')}</Table.Th>
                  <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.entries.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text c="dimmed" size="sm">
                        {t('audit.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {list.data.entries.map((entry) => (
                  <Table.Tr key={entry.seq} data-testid="audit-row" data-action={entry.action}>
                    <Table.Td>{n(entry.seq)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(entry.at, i18n.language)}</Table.Td>
                    <Table.Td>
                      {entry.username ?? <Text span c="dimmed">{t('audit.system')}</Text>}
                      {entry.role && (
                        <Text size="xs" c="dimmed">
                          {t(`roles.${entry.role}`, { defaultValue: entry.role })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(actionKey(entry.action), { defaultValue: entry.action })}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {entry.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {entry.recordType && (
                        <Text size="xs" ff="monospace">
                          {entry.recordType} {entry.recordId}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={OUTCOME_COLORS[entry.outcome]} variant="light">
                        {t(`audit.outcomes.${entry.outcome}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td maw={320}>
                      {detailsText(entry) && (
                        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 'var(--mantine-font-size-xs)' }}>
                          {detailsText(entry)}
                        </Code>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Group justify="center">
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ 'aria-label': t(`audit.pagination.${control}`) })}
                getItemProps={(item) => ({ 'aria-label': t('audit.pagination.page', { page: n(item) }) })}
              />
            </Group>
          )}
        </>
      )}
    </Page>
  );
}
