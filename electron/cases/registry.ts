import type { z } from 'zod';
import type { RecordRegistry } from '../store/records';
import { CASE_PROFILES, caseConsentGate } from './exchangeRules';
import { CASE_RECORD_TYPES, type CaseRecordType } from './recordTypes';

/** Registers every case record type, with its bundle field profiles and (for personal data) the consent gate. */
export function registerCaseRecordTypes(registry: RecordRegistry): RecordRegistry {
  for (const [type, schema] of Object.entries(CASE_RECORD_TYPES) as [CaseRecordType, z.ZodType][]) {
    const personalData = type !== 'service_provider';
    registry.register({
      type,
      schema: schema as unknown as z.ZodType<Record<string, unknown>>,
      personalData,
      profiles: CASE_PROFILES[type],
      ...(personalData ? { consent: caseConsentGate } : {}),
    });
  }
  return registry;
}
