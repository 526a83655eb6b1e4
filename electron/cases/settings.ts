import { CounterpartError } from '../../shared/contract/errors';
import { CaseSettings } from '../../shared/contract/cases';
import { ATTACHMENT_DEFAULT_LIMIT, EQUAL_WEIGHTS, type ScoreWeights } from '../../shared/domain/cases';
import { cached, type Db } from '../store/database';

/** Case-management settings of a workspace, in `case_settings` (one JSON value per key). */

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  caseWorkerScope: 'assigned',
  attachmentMaxBytes: ATTACHMENT_DEFAULT_LIMIT,
  activeWeightsVersion: EQUAL_WEIGHTS.version,
  scoreWeights: [EQUAL_WEIGHTS],
};

export function readCaseSettings(db: Db): CaseSettings {
  const rows = cached(db, 'SELECT key, value FROM case_settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const parsed = CaseSettings.safeParse({ ...DEFAULT_CASE_SETTINGS, ...stored });
  if (!parsed.success) return DEFAULT_CASE_SETTINGS;
  const versions = parsed.data.scoreWeights.some((w) => w.version === EQUAL_WEIGHTS.version) ? parsed.data.scoreWeights : [EQUAL_WEIGHTS, ...parsed.data.scoreWeights];
  return { ...parsed.data, scoreWeights: versions };
}

export type CaseSettingsPatch = {
  caseWorkerScope?: CaseSettings['caseWorkerScope'];
  attachmentMaxBytes?: number;
  addScoreWeights?: ScoreWeights;
  activeWeightsVersion?: string;
};

/** Applies a change; a weights version, once added, is never changed (scores refer to it). */
export function writeCaseSettings(db: Db, patch: CaseSettingsPatch): CaseSettings {
  const current = readCaseSettings(db);
  const next: CaseSettings = { ...current };
  if (patch.caseWorkerScope) next.caseWorkerScope = patch.caseWorkerScope;
  if (patch.attachmentMaxBytes !== undefined) next.attachmentMaxBytes = patch.attachmentMaxBytes;
  if (patch.addScoreWeights) {
    const w = patch.addScoreWeights;
    if (current.scoreWeights.some((v) => v.version === w.version)) {
      throw new CounterpartError('CONFLICT', `Weights version ${w.version} already exists and cannot be changed; add a new version instead.`);
    }
    next.scoreWeights = [...current.scoreWeights, w];
  }
  if (patch.activeWeightsVersion !== undefined) {
    if (!next.scoreWeights.some((v) => v.version === patch.activeWeightsVersion)) {
      throw new CounterpartError('NOT_FOUND', `There is no weights version ${patch.activeWeightsVersion}.`);
    }
    next.activeWeightsVersion = patch.activeWeightsVersion;
  }
  const upsert = cached(db, 'INSERT INTO case_settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(next)) upsert.run({ key, value: JSON.stringify(value) });
  return readCaseSettings(db);
}

export function weightsVersion(settings: CaseSettings, version: string): ScoreWeights {
  const w = settings.scoreWeights.find((v) => v.version === version);
  if (!w) throw new CounterpartError('NOT_FOUND', `There is no weights version ${version}.`);
  return w;
}
