import { ActionIcon, Badge, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { exploitationMonths, traffickingScope, type TraffickingEvent } from '../../../../shared/domain/cases/screening';
import { TRAFFICKING_EVENT_TYPES } from '../../../../shared/domain/cases/vocabulary';
import { formatNumber } from '../../../app/format';
import { options, todayIso } from '../ui';

/** One row of the events editor, as typed. Rows without a country are left out. */
export type EventDraft = { type: (typeof TRAFFICKING_EVENT_TYPES)[number]; country: string; from: string; to: string };

export const emptyEvent = (type: EventDraft['type']): EventDraft => ({ type, country: '', from: '', to: '' });

const COUNTRY = /^[A-Za-z]{3}$/;
const COUNTRY_LABEL = { Recruitment: 'caseFile.screening.origin', Transit: 'caseFile.screening.transitIn', Exploitation: 'caseFile.screening.exploitedIn' } as const;

/** The rows that name a country, as HTCDS trafficking events. */
export function eventsOf(rows: readonly EventDraft[]): TraffickingEvent[] {
  return rows
    .filter((r) => r.country.trim())
    .map((r) => ({
      hte_Type: r.type,
      hte_Country: r.country.trim().toUpperCase(),
      ...(r.from ? { hte_Date: r.from } : {}),
      ...(r.to ? { endDate: r.to } : {}),
    }));
}

/** A translated problem per row (country code, dates in order), or null when every row is fine. */
export function eventProblems(t: TFunction, rows: readonly EventDraft[]): (string | null)[] | null {
  const problems = rows.map((r) => {
    if (r.country.trim() && !COUNTRY.test(r.country.trim())) return t('caseFile.form.countryCode');
    if (!r.country.trim() && (r.from || r.to)) return t('caseFile.screening.eventCountryNeeded');
    if (r.from && r.to && r.to < r.from) return t('caseFile.screening.dateOrder');
    return null;
  });
  return problems.some(Boolean) ? problems : null;
}

/**
 * The trafficking path: where the person was recruited, moved through and exploited, with dates. What
 * follows from it — international or internal, months in exploitation — is shown as it is derived
 * (shared/domain/cases/screening.ts), never typed in.
 */
export function TraffickingEventsEditor({
  rows,
  onChange,
  problems,
  citizenships,
  identificationCountry,
}: {
  rows: EventDraft[];
  onChange: (rows: EventDraft[]) => void;
  problems: (string | null)[] | null;
  citizenships: readonly string[];
  identificationCountry: string;
}) {
  const { t, i18n } = useTranslation();
  const set = (i: number, patch: Partial<EventDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const valid = rows.filter((r) => COUNTRY.test(r.country.trim()));
  const events = eventsOf(valid);
  const scope = traffickingScope(citizenships, events, identificationCountry);
  const months = exploitationMonths(events, todayIso());
  return (
    <Stack gap={6} role="group" aria-labelledby="events-title">
      <Text fw={600} size="sm" id="events-title">
        {t('caseFile.screening.events')}
      </Text>
      {rows.map((r, i) => (
        <Group key={i} align="flex-start" gap="xs" wrap="wrap" data-testid="event-row">
          <NativeSelect
            label={t('caseFile.screening.eventType')}
            value={r.type}
            onChange={(e) => set(i, { type: e.currentTarget.value as EventDraft['type'] })}
            data={options(t, 'eventTypes', TRAFFICKING_EVENT_TYPES)}
            w={150}
          />
          <TextInput label={t(COUNTRY_LABEL[r.type])} value={r.country} onChange={(e) => set(i, { country: e.currentTarget.value })} error={problems?.[i]} w={190} maxLength={3} />
          <TextInput type="date" label={t('caseFile.screening.eventFrom')} value={r.from} onChange={(e) => set(i, { from: e.currentTarget.value })} w={160} />
          <TextInput type="date" label={t('caseFile.screening.eventTo')} value={r.to} onChange={(e) => set(i, { to: e.currentTarget.value })} w={160} />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={26}
            aria-label={t('caseFile.screening.removeEvent', { n: formatNumber(i + 1, i18n.language) })}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => onChange([...rows, emptyEvent('Transit')])} data-testid="event-add">
          {t('caseFile.screening.addEvent')}
        </Button>
        <Badge variant="light" color={scope === 'international' ? 'grape' : scope === 'internal' ? 'teal' : 'gray'} data-testid="derived-scope">
          {t('caseFile.screening.derivedScope', { scope: t(`caseFile.scopes.${scope}`) })}
        </Badge>
        {months !== null && (
          <Badge variant="outline" data-testid="derived-months">
            {t('caseFile.screening.derivedMonths', { months: formatNumber(months, i18n.language) })}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}
