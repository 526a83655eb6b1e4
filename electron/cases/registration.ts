import { z } from 'zod';
import { CounterpartError } from '../../shared/contract/errors';
import type { CaseRow, casesContract, DuplicateCandidate, DuplicateProbeInput } from '../../shared/contract/cases';
import { clearNulls, displayName, formatCaseNumber, type DuplicateProbe, type Identification, type Person } from '../../shared/domain/cases';
import { cached, type Db } from '../store/database';
import { markIndexed, refreshCase } from './caseIndex';
import { findDuplicates, caseRowById } from './caseQueries';
import { getRecord } from './caseRecords';
import { requireAssignable } from './lifecycle';
import { onCase, updateRecord, type Operation } from './operation';
import { auditCaseView, recordStep } from './steps';

/** Registration with search-before-create, case numbers, and changes to the person. */

/** The next case number of this organisation for a year: ORG-YEAR-NNNNN, never reused. */
export function nextCaseNumber(db: Db, orgCode: string, year: number): string {
  for (;;) {
    const n = cached(
      db,
      `INSERT INTO case_number_seq (org_code, year, last) VALUES (?, ?, 1)
         ON CONFLICT (org_code, year) DO UPDATE SET last = last + 1 RETURNING last`,
    )
      .pluck()
      .get(orgCode, year) as number;
    const candidate = formatCaseNumber(orgCode, year, n);
    // A number can already be taken by a case restored or received from elsewhere: skip it.
    if (!cached(db, 'SELECT 1 FROM case_index WHERE case_number = ?').get(candidate)) return candidate;
  }
}

export function probeOf(p: { prs_FirstName: string; prs_MiddleName?: string; prs_SecondName?: string; aliases?: string[] } & Partial<Pick<Person, 'prs_Gender' | 'prs_Birthdate' | 'estimatedAge' | 'estimatedAgeOn' | 'prs_Citizenship' | 'prs_IdentityNumber' | 'prs_MobilePhone'>>): DuplicateProbe {
  return {
    names: [displayName(p), ...(p.aliases ?? [])],
    gender: p.prs_Gender,
    prs_Birthdate: p.prs_Birthdate,
    estimatedAge: p.estimatedAge,
    estimatedAgeOn: p.estimatedAgeOn,
    citizenship: p.prs_Citizenship ?? [],
    identifiers: [p.prs_IdentityNumber, p.prs_MobilePhone].filter((v): v is string => !!v),
  };
}

export function duplicateCandidates(o: Operation, input: z.output<typeof DuplicateProbeInput>): DuplicateCandidate[] {
  const found = findDuplicates(o.db, probeOf(input), o.viewer, o.today, input.excludeCaseId);
  const shown = found.filter((d) => d.accessible).map((d) => d.caseId);
  if (shown.length > 0) auditCaseView(o.u, 'duplicates', shown);
  return found;
}

/**
 * Registers a person as a new case. Possible duplicates are looked up first and kept on the new
 * case (flagged until a case manager resolves them); they never block registration, because the
 * person in front of the case worker needs a file now.
 */
export function registerCase(o: Operation, person: Person, identification: Identification, assignee?: string): { caseId: string; caseNumber: string; duplicates: DuplicateCandidate[] } {
  const role = o.viewer.role;
  let owner: string | undefined;
  if (role === 'case_worker') {
    if (assignee && assignee !== o.viewer.username) throw new CounterpartError('FORBIDDEN', 'A case worker registers cases for themselves; a case manager can assign it to someone else afterwards.');
    owner = o.viewer.username;
  } else if (assignee) {
    requireAssignable(o, assignee);
    owner = assignee;
  }
  const duplicates = findDuplicates(o.db, probeOf(person), o.viewer, o.today);
  const registeredAt = o.now;
  const created = o.u.transaction(() => {
    const caseNumber = nextCaseNumber(o.db, o.u.organisation.code, Number(registeredAt.slice(0, 4)));
    const env = o.u.records.create('case', {
      ...person,
      ...identification,
      caseNumber,
      stage: 'identification',
      cas_Status: 'Active',
      assignee: owner,
      cas_CaseOwner: o.viewer.username,
      registeredAt,
      possibleDuplicates: duplicates.map((d) => ({ caseId: d.caseId, caseNumber: d.caseNumber, score: d.score, resolution: 'open' })),
      demo: false,
    });
    refreshCase(o.db, env.id, o.today);
    markIndexed(o.db);
    recordStep(o.u, env.id, 'registered', {
      recordType: 'case',
      recordId: env.id,
      occurredAt: identification.identificationDate,
      details: { caseNumber, assignee: owner ?? null, possibleDuplicates: duplicates.map((d) => d.caseId) },
    });
    return { caseId: env.id, caseNumber };
  });
  const shown = duplicates.filter((d) => d.accessible).map((d) => d.caseId);
  if (shown.length > 0) auditCaseView(o.u, 'duplicates', shown, { registering: created.caseId });
  return { ...created, duplicates };
}

type UpdateInput = z.output<(typeof casesContract)['cases.update']['input']>;

export function updateCase(o: Operation, caseId: string, person?: UpdateInput['person'], identification?: UpdateInput['identification']): CaseRow {
  onCase(o, caseId, () => {
    const before = getRecord(o.db, 'case', caseId);
    const patch = clearNulls({ ...(person ?? {}), ...(identification ?? {}) });
    const after = updateRecord(o, 'case', caseId, patch);
    const fields = Object.keys(patch).filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]));
    if (fields.length > 0) recordStep(o.u, caseId, 'updated', { recordType: 'case', recordId: caseId, details: { fields } });
  });
  return caseRowById(o.db, caseId, true, o.today);
}
