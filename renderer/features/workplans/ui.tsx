import type { ReactNode } from 'react';
import { Alert, Badge, List, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { asRpcError } from '../../app/api';
import { describeError } from '../../app/errors';
import type { ProgressStatus, Rag } from '../../../shared/domain/workplans';

/** Options of a select from codes, with translated labels (`workplanModule.<group>.<code>`). */
export function options(t: TFunction, group: string, codes: readonly string[]) {
  return codes.map((code) => ({ value: code, label: t(`workplanModule.${group}.${code}`) }));
}

/** A section of a workplan screen: an h2 tied to its region. */
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

/**
 * A failed call in words. A VALIDATION refusal from the workplan services carries the fields it
 * refused (`details.problems`); they are named in the UI language, so the person knows where to look.
 */
export function CallError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const rpc = asRpcError(error);
  const problems = rpc?.details?.problems;
  const fields = Array.isArray(problems)
    ? [...new Set(problems.map((p: unknown) => (p && typeof p === 'object' && 'field' in p ? String((p as { field: unknown }).field).split('.')[0] ?? '' : '')).filter(Boolean))]
    : [];
  return (
    <Alert color="red" variant="light" role="alert" data-testid="error-alert">
      {describeError(t, error, i18n.language)}
      {fields.length > 0 && (
        <>
          {' '}
          {t('workplanModule.errors.fieldsRefused')}
          <List size="sm" data-testid="error-fields">
            {fields.map((f) => (
              <List.Item key={f}>{t(`workplanModule.fields.${f}`, { defaultValue: f })}</List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}

/** Colour-blind-safe colours (Okabe-Ito) for red / amber / green and statuses; text always says it too. */
export const RAG_COLOUR: Record<Rag, string> = { green: '#009E73', amber: '#E69F00', red: '#D55E00', none: '#999999' };

export const ACTIVITY_STATUS_COLOUR = {
  not_started: '#999999',
  in_progress: '#56B4E9',
  completed: '#009E73',
  delayed: '#E69F00',
  cancelled: '#CC79A7',
} as const;

const STATUS_BADGE: Record<ProgressStatus | 'missing', string> = { missing: 'gray', draft: 'blue', submitted: 'violet', approved: 'green', returned: 'orange' };

export function StatusBadge({ status, testId }: { status: ProgressStatus | 'missing'; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_BADGE[status]} data-testid={testId}>
      {t(`workplanModule.progressStatus.${status}`)}
    </Badge>
  );
}

export function RagBadge({ rag, testId }: { rag: Rag; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={RAG_COLOUR[rag]} c={rag === 'amber' || rag === 'none' ? 'black' : 'white'} data-testid={testId}>
      {t(`workplanModule.rag.${rag}`)}
    </Badge>
  );
}

/** Periods of a plan for a frequency, newest last: years, quarters or months. */
export function periodsOf(startYear: number, endYear: number, frequency: 'yearly' | 'quarterly' | 'monthly'): string[] {
  const out: string[] = [];
  for (let y = startYear; y <= endYear; y += 1) {
    if (frequency === 'yearly') out.push(String(y));
    else if (frequency === 'quarterly') for (let q = 1; q <= 4; q += 1) out.push(`${y}Q${q}`);
    else for (let m = 1; m <= 12; m += 1) out.push(`${y}${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** An indicator value typed in a field: a number for unit and percent, words for qualitative. */
export function parseValue(measure: 'unit' | 'percent' | 'qualitative', text: string): number | string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (measure === 'qualitative') return trimmed;
  const n = Number(trimmed.replace(',', '.'));
  return Number.isFinite(n) ? n : trimmed;
}

export const valueText = (value: number | string | null | undefined): string => (value === null || value === undefined ? '' : String(value));
