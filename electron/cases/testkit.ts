import { ADMIN_PASSWORD, newWorkspace, unwrap } from '../testing/fixtures';
import type { Core } from '../rpc/core';
import type { MethodName, MethodOutput } from '../../shared/contract';
import type { Result } from '../../shared/contract/errors';

/**
 * Test helpers for case management: a workspace with the staff of a small task force (two case
 * workers, two case managers, an M&E officer, an exchange officer, a viewer), a shelter in the
 * directory, and calls made as any of them through the real dispatcher.
 */

export const STAFF_PASSWORD = 'a long enough passphrase for tests';
export const STAFF = {
  aye: 'case_worker',
  nilar: 'case_worker',
  somchai: 'case_manager',
  malee: 'case_manager',
  kyaw: 'me_officer',
  exchange: 'exchange_officer',
  auditor: 'viewer',
} as const;
export type StaffName = keyof typeof STAFF | 'admin';

export type CaseOffice = {
  core: Core;
  dir: string;
  /** Signs in as this user (locks the current session first). */
  as(username: StaffName): Promise<void>;
  call<M extends MethodName>(method: M, params: unknown): Promise<MethodOutput<M>>;
  attempt(method: MethodName, params: unknown): Promise<Result<unknown>>;
  shelterId: string;
};

export async function caseOffice(): Promise<CaseOffice> {
  const { core, dir } = await newWorkspace();
  const call = async <M extends MethodName>(method: M, params: unknown): Promise<MethodOutput<M>> => unwrap(await core.dispatcher.dispatch(method, params)) as MethodOutput<M>;
  for (const [username, role] of Object.entries(STAFF)) await call('users.add', { username, displayName: username, role, password: STAFF_PASSWORD });
  const shelter = await call('providers.save', {
    provider: { org_Name: 'Samut Sakhon Protection Shelter', org_Type: 'CentralGovernmentOrganisation', services: ['shelter', 'psychosocial'], org_ShippingCountry: 'THA', org_ShippingState: 'Samut Sakhon' },
  });
  const as = async (username: StaffName) => {
    core.session.lock('user');
    unwrap(await core.dispatcher.dispatch('session.unlock', { username, password: username === 'admin' ? ADMIN_PASSWORD : STAFF_PASSWORD }));
  };
  return { core, dir, as, call, attempt: (method, params) => core.dispatcher.dispatch(method, params), shelterId: shelter.id };
}

export const today = (): string => new Date().toISOString().slice(0, 10);
export const daysFromToday = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A Burmese man identified in Samut Sakhon, with his name in Myanmar script and a romanised alias. */
export const AUNG_KYAW_MOE = {
  person: {
    prs_FirstName: 'အောင်ကျော်မိုး',
    aliases: ['Aung Kyaw Moe'],
    prs_Gender: 'Masculine',
    prs_Birthdate: '1998-04-12',
    prs_Citizenship: ['MMR'],
    prs_PrimaryLanguage: 'my',
    prs_MobilePhone: '+66 81 234 5678',
  },
  identification: { identificationDate: today(), identificationCountry: 'THA', identificationPlace: 'Samut Sakhon fish market', identificationSource: 'LabourInspection' },
};
