import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDueItemsQuery } from './api';
import { Section } from './ui';

/**
 * What is due on the cases: open tasks, follow-up visits and reintegration plans, by due date
 * (`tasks.due`). "My cases" shows what is due on mine; "Overdue" only what is past its date.
 */
export function DueList({ mine, overdueOnly }: { mine: boolean; overdueOnly: boolean }) {
  const { t } = useTranslation();
  const due = useDueItemsQuery({ mine, overdueOnly, limit: 50 });
  return (
    <Section id="due" title={overdueOnly ? t('caseFile.due.overdueTitle') : t('caseFile.due.title')}>
      <ErrorAlert error={due.error} />
      {due.data && due.data.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="due-empty">
          {t('caseFile.due.empty')}
        </Text>
      )}
      {due.data && due.data.length > 0 && (
        <Table verticalSpacing={4} data-testid="due-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseFile.tasks.due')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.caseNumber')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.due.what')}</Table.Th>
              <Table.Th scope="col">{t('caseFile.list.assignee')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.data.map((item) => (
              <Table.Tr key={`${item.caseId}-${item.kind}-${item.recordId ?? ''}`} data-testid="due-item" data-overdue={item.overdue}>
                <Table.Td>
                  {item.dueDate}
                  {item.overdue && (
                    <Badge color="red" variant="light" size="sm" ml={6}>
                      {t('caseFile.list.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${item.caseId}`} ff="monospace" size="sm">
                    {item.caseNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{item.title ?? t(`caseFile.due.kinds.${item.kind}`)}</Table.Td>
                <Table.Td>{item.assignee ?? t('caseFile.list.unassigned')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
