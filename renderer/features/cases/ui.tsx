import { useState, type ReactNode } from 'react';
import { Alert, Badge, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asRpcError } from '../../app/api';
import { formatBytes } from '../../app/format';
import { useCaseChangeMutation, type CaseChange } from './api';

/** Today as `YYYY-MM-DD` in the user's own time zone (the day things happen where they happen). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Options of a native select from codes, with translated labels (`caseFile.<group>.<code>`). */
export function options(t: TFunction, group: string, codes: readonly string[], empty?: string) {
  const list = codes.map((code) => ({ value: code, label: t(`caseFile.${group}.${code}`) }));
  return empty === undefined ? list : [{ value: '', label: empty }, ...list];
}

/** A section of the case file: an h2 tied to its region. */
export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={`${id}-title`}>
          {title}
        </Title>
        {actions}
        {children}
      </Stack>
    </Paper>
  );
}

/** Non-empty-required check with a translated message. */
export const required = (t: TFunction, value: string | undefined | null): string | null => (value && value.trim() ? null : t('caseFile.form.required'));

/** Blank strings become undefined, so that optional fields are left out of a call. */
export const opt = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

/**
 * A change to a case, with its failure shown in words. CONSENT_REQUIRED also says what can be done,
 * and VALIDATION names the field the core refused.
 */
export function useCaseChange(caseId: string) {
  const [change, state] = useCaseChangeMutation();
  const [error, setError] = useState<unknown>(null);
  const run = async (call: CaseChange): Promise<unknown> => {
    setError(null);
    const result = await change({ ...call, caseId } as CaseChange & { caseId: string });
    if ('error' in result) {
      setError(result.error);
      return null;
    }
    return result.data ?? true;
  };
  return { run, error, busy: state.isLoading, clear: () => setError(null) };
}

export function ChangeError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const rpc = asRpcError(error);
  if (!error) return null;
  return (
    <Stack gap={4}>
      <ErrorAlert error={error} />
      {rpc?.code === 'ATTACHMENT_TOO_LARGE' && typeof rpc.details?.limit === 'number' && (
        <Alert color="orange" variant="light" data-testid="attachment-help">
          {t('caseFile.attachments.tooLargeHelp', { size: formatBytes(rpc.details.limit, i18n.language) })}
        </Alert>
      )}
      {rpc?.code === 'ATTACHMENT_TYPE_NOT_ALLOWED' && (
        <Alert color="orange" variant="light" data-testid="attachment-help">
          {t('caseFile.attachments.typeHelp')}
        </Alert>
      )}
      {rpc?.code === 'CONSENT_REQUIRED' && (
        <Alert color="orange" variant="light" data-testid="consent-required-help">
          {t('caseFile.consent.requiredHelp')}
        </Alert>
      )}
    </Stack>
  );
}

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={stage === 'closed' ? 'gray' : 'blue'} data-testid="stage-badge">
      {t(`caseFile.stages.${stage}`)}
    </Badge>
  );
}

export function RiskBadge({ level }: { level: string | null }) {
  const { t } = useTranslation();
  const color = level === 'high' ? 'red' : level === 'medium' ? 'orange' : level === 'low' ? 'green' : 'gray';
  return (
    <Badge variant="light" color={color}>
      {level ? t(`caseFile.riskLevels.${level}`) : t('caseFile.riskLevels.unassessed')}
    </Badge>
  );
}
