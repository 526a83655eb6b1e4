import type { Organisation } from '../../shared/domain/organisation';
import type { Db } from '../store/database';
import { CounterpartError } from '../../shared/contract/errors';

export type OrganisationRecord = Organisation & { nodeId: string; createdAt: string };

export function insertOrganisation(db: Db, org: Organisation, nodeId: string): void {
  db.prepare(
    `INSERT INTO organisation (id, name, code, country, org_type, node_id, created_at) VALUES (1, @name, @code, @country, @type, @nodeId, @createdAt)`,
  ).run({ ...org, nodeId, createdAt: new Date().toISOString() });
}

export function readOrganisation(db: Db): OrganisationRecord {
  const row = db.prepare('SELECT name, code, country, org_type AS type, node_id AS nodeId, created_at AS createdAt FROM organisation WHERE id = 1').get() as
    | OrganisationRecord
    | undefined;
  if (!row) throw new CounterpartError('WORKSPACE_CORRUPT', 'The workspace has no organisation.');
  return row;
}
