import { searchKey, type ServiceProvider, type ServiceType } from '../../shared/domain/cases';
import { replaceRecord, type Operation } from './operation';
import { getRecord, type StoredRecord } from './caseRecords';
import { cached } from '../store/database';

/** The service directory: providers, what they offer, where. Not personal data; small (hundreds). */

type Row = { id: string; owner_org: string; updated_at: string; updated_by: string; data: string };

export function listProviders(o: Operation, filter: { query?: string; service?: ServiceType; country?: string; includeInactive: boolean }): StoredRecord<ServiceProvider>[] {
  const rows = cached(o.db, `SELECT id, owner_org, updated_at, updated_by, data FROM records WHERE type = 'service_provider' AND deleted = 0`).all() as Row[];
  const wanted = filter.query ? searchKey(filter.query) : '';
  return rows
    .map((r) => ({ ...(JSON.parse(r.data) as ServiceProvider), id: r.id, ownerOrg: r.owner_org, updatedAt: r.updated_at, updatedBy: r.updated_by }))
    .filter((p) => filter.includeInactive || p.active)
    .filter((p) => !filter.service || p.services.includes(filter.service))
    .filter((p) => !filter.country || p.org_ShippingCountry === filter.country)
    .filter((p) => !wanted || searchKey([p.org_Name, p.org_ShippingCity, p.org_ShippingState, p.orgCode].filter(Boolean).join(' ')).includes(wanted))
    .sort((a, b) => a.org_Name.localeCompare(b.org_Name));
}

/** Creates a provider, or replaces the whole provider `id` (the form sends every field). */
export function saveProvider(o: Operation, id: string | undefined, provider: ServiceProvider): StoredRecord<ServiceProvider> {
  return o.u.transaction(() => (id ? replaceRecord(o, 'service_provider', id, provider) : getRecord(o.db, 'service_provider', o.u.records.create('service_provider', provider).id)));
}
