import { RecordRegistry } from '../store/records';
import { registerCaseRecordTypes } from '../cases/registry';
import { registerWorkplanRecordTypes } from '../workplans/recordTypes';

/**
 * Every synchronised record type the app knows, registered by its feature (cases, workplans, ...).
 * The session writes and the exchange reads records only through this registry.
 */
export function productionRegistry(): RecordRegistry {
  return registerWorkplanRecordTypes(registerCaseRecordTypes(new RecordRegistry()));
}
