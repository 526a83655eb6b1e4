import { Button, Group, NativeSelect, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AuditOutcome } from '../../../shared/contract/audit';
import { KNOWN_AUDIT_ACTIONS, actionKey } from './auditActions';

export type AuditFilterDraft = { username: string; action: string; outcome: string; from: string; to: string };

export const emptyFilters: AuditFilterDraft = { username: '', action: '', outcome: '', from: '', to: '' };

/** Filter values for audit.list: dates are whole local days, turned into the UTC instants the log stores. */
export function toAuditFilter(draft: AuditFilterDraft): { username?: string; action?: string; outcome?: AuditOutcome; from?: string; to?: string } {
  const outcome = AuditOutcome.safeParse(draft.outcome);
  const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
  const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined);
  const filter = {
    username: draft.username.trim().toLowerCase() || undefined,
    action: draft.action || undefined,
    outcome: outcome.success ? outcome.data : undefined,
    from: dayStart(draft.from),
    to: dayEnd(draft.to),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

export function AuditFilters({ value, onChange }: { value: AuditFilterDraft; onChange: (value: AuditFilterDraft) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<AuditFilterDraft>) => onChange({ ...value, ...patch });
  const actions = KNOWN_AUDIT_ACTIONS.map((action) => ({ value: action, label: t(actionKey(action), { defaultValue: action }) }));
  const outcomes = [{ value: '', label: t('audit.anyOutcome') }, ...AuditOutcome.options.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))];

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('audit.filters')}>
      <TextInput label={t('audit.user')} value={value.username} onChange={(e) => set({ username: e.currentTarget.value })} w={160} spellCheck={false} data-testid="audit-filter-user" />
      <Select
        label={t('audit.action')}
        placeholder={t('audit.anyAction')}
        data={actions}
        value={value.action || null}
        onChange={(action) => set({ action: action ?? '' })}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        searchable
        w={240}
        data-testid="audit-filter-action"
      />
      <NativeSelect label={t('audit.outcome')} data={outcomes} value={value.outcome} onChange={(e) => set({ outcome: e.currentTarget.value })} w={150} data-testid="audit-filter-outcome" />
      <TextInput type="date" label={t('audit.from')} value={value.from} onChange={(e) => set({ from: e.currentTarget.value })} w={160} data-testid="audit-filter-from" />
      <TextInput type="date" label={t('audit.to')} value={value.to} onChange={(e) => set({ to: e.currentTarget.value })} w={160} data-testid="audit-filter-to" />
      <Button variant="default" onClick={() => onChange(emptyFilters)}>
        {t('audit.clearFilters')}
      </Button>
    </Group>
  );
}
