import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseView } from '../../../../shared/contract/cases';
import { formatNumber } from '../../../app/format';
import { ChangeError, Section, useCaseChange } from '../ui';

/**
 * The cases flagged at registration as possibly the same person. A supervisor settles each one: not the
 * same person, or the same person (the case stays, linked, and is usually closed as a duplicate).
 */
export function DuplicatesSection({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const candidates = v.case.possibleDuplicates;
  if (candidates.length === 0) return null;
  const resolve = (otherCaseId: string, resolution: 'not_duplicate' | 'duplicate') => void run({ method: 'cases.resolveDuplicate', params: { id: v.case.id, otherCaseId, resolution } });
  return (
    <Section id="duplicates" title={t('caseFile.duplicates.title')}>
      <ChangeError error={error} />
      {!v.permissions.approve && candidates.some((d) => d.resolution === 'open') && <Text size="sm">{t('caseFile.duplicates.supervisorDecides')}</Text>}
      <Table verticalSpacing={4} data-testid="duplicates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseFile.list.caseNumber')}</Table.Th>
            <Table.Th scope="col">{t('caseFile.register.similarity')}</Table.Th>
            <Table.Th scope="col">{t('caseFile.duplicates.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {candidates.map((d) => (
            <Table.Tr key={d.caseId} data-testid="duplicate-row" data-resolution={d.resolution}>
              <Table.Td ff="monospace">
                <Link to={`/cases/${d.caseId}`}>{d.caseNumber}</Link>
              </Table.Td>
              <Table.Td>{formatNumber(Math.round(d.score * 100), i18n.language)}</Table.Td>
              <Table.Td>
                {d.resolution === 'open' && v.permissions.approve ? (
                  <Group gap={4}>
                    <Button size="xs" variant="default" loading={busy} onClick={() => resolve(d.caseId, 'not_duplicate')} data-testid="duplicate-not">
                      {t('caseFile.duplicates.markNot')}
                    </Button>
                    <Button size="xs" variant="default" color="orange" loading={busy} onClick={() => resolve(d.caseId, 'duplicate')} data-testid="duplicate-same">
                      {t('caseFile.duplicates.markSame')}
                    </Button>
                  </Group>
                ) : (
                  <Group gap={4}>
                    <Badge variant="light" color={d.resolution === 'open' ? 'orange' : d.resolution === 'duplicate' ? 'red' : 'green'}>
                      {t(`caseFile.duplicates.resolutions.${d.resolution}`)}
                    </Badge>
                    {d.resolvedBy && (
                      <Text span size="xs" c="dimmed">
                        {t('caseFile.duplicates.by', { name: d.resolvedBy })}
                      </Text>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
