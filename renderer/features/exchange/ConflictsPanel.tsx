import { useState } from 'react';
import { Button, Code, Group, Modal, Paper, Radio, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../shared/contract/exchange';
import { mayCall } from '../../app/navigation';
import { formatDateTime, formatNumber } from '../../app/format';
import { selectUser, useAppSelector } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConflictsQuery, useResolveConflictMutation } from './api';

type StateFilter = 'open' | 'resolved' | 'superseded' | 'all';

/** A field value as text: strings as they are, anything else as JSON (always rendered as React text). */
const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value, null, 1) ?? '');

/** Mine, theirs, or a new value; the answer is a new write that travels in the next bundle. */
function ResolveDialog({ conflict, onClose }: { conflict: Conflict; onClose: () => void }) {
  const { t } = useTranslation();
  const [resolve, { error, isLoading }] = useResolveConflictMutation();
  const [choice, setChoice] = useState<'mine' | 'theirs' | 'edit'>('mine');
  const [edited, setEdited] = useState(show(conflict.localValue));

  const submit = async () => {
    let value: unknown = edited;
    if (typeof conflict.localValue !== 'string') {
      try {
        value = JSON.parse(edited);
      } catch {
        value = edited;
      }
    }
    try {
      await resolve(choice === 'edit' ? { id: conflict.id, choice, value } : { id: conflict.id, choice }).unwrap();
      onClose();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('exchangeModule.conflicts.resolveTitle', { field: conflict.field })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('exchangeModule.conflicts.resolveExplain', { code: conflict.remoteOrg })}</Text>
          <Radio.Group label={t('exchangeModule.conflicts.choice')} value={choice} onChange={(v) => setChoice(v as 'mine' | 'theirs' | 'edit')}>
            <Stack gap="xs" mt={4}>
              <Radio value="mine" label={t('exchangeModule.conflicts.mine')} description={show(conflict.localValue)} />
              <Radio value="theirs" label={t('exchangeModule.conflicts.theirs', { code: conflict.remoteOrg })} description={show(conflict.remoteValue)} />
              <Radio value="edit" label={t('exchangeModule.conflicts.edit')} />
            </Stack>
          </Radio.Group>
          {choice === 'edit' && <Textarea label={t('exchangeModule.conflicts.newValue')} value={edited} onChange={(e) => setEdited(e.currentTarget.value)} autosize minRows={2} />}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isLoading} data-testid="conflict-resolve-submit">
              {t('exchangeModule.conflicts.resolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The conflict queue: concurrent edits of one field waiting for a person to choose. */
export function ConflictsPanel() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const [state, setState] = useState<StateFilter>('open');
  const { data, error } = useConflictsQuery({ state });
  const [resolving, setResolving] = useState<Conflict | null>(null);
  const mayResolve = !!user && mayCall(user.role, 'conflicts.resolve');

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="conflicts-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="conflicts-title">
          {t('exchangeModule.conflicts.title')}
        </Title>
        <SegmentedControl
          aria-label={t('exchangeModule.conflicts.filter')}
          value={state}
          onChange={(v) => setState(v as StateFilter)}
          data={(['open', 'resolved', 'superseded', 'all'] as const).map((value) => ({ value, label: t(`exchangeModule.conflicts.states.${value}`) }))}
        />
        <ErrorAlert error={error} />
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="xs" striped data-testid="conflicts-table">
            <Table.Caption>{t('exchangeModule.conflicts.caption', { count: formatNumber(data?.length ?? 0, i18n.language) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exchangeModule.conflicts.record')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.conflicts.field')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.conflicts.ours')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.conflicts.remote')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.conflicts.detected')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.partners.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="xs">{c.recordType}</Text>
                    <Code fz="xs">{c.recordId}</Code>
                  </Table.Td>
                  <Table.Td>{c.field}</Table.Td>
                  <Table.Td>{show(c.localValue)}</Table.Td>
                  <Table.Td>
                    {show(c.remoteValue)} ({c.remoteOrg})
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.detectedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {c.state === 'open' && mayResolve && c.canResolve ? (
                      <Button size="xs" variant="default" onClick={() => setResolving(c)} aria-label={t('exchangeModule.conflicts.resolveFor', { field: c.field, id: c.recordId })}>
                        {t('exchangeModule.conflicts.resolve')}
                      </Button>
                    ) : (
                      <Text size="xs">{c.state === 'open' ? t('exchangeModule.conflicts.ownerResolves') : t(`exchangeModule.conflicts.states.${c.state}`)}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {resolving && <ResolveDialog conflict={resolving} onClose={() => setResolving(null)} />}
    </Paper>
  );
}
