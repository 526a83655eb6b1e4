import { basename, dirname } from 'node:path';
import { CounterpartError } from '../../shared/contract/errors';
import type { workplansContract } from '../../shared/contract/workplans';
import type { Handlers } from '../rpc/types';
import { writeFileAtomic } from '../exchange/outgoing';
import { calendarDue } from './calendar';
import { dashboardData } from './dashboard';
import { buildDataValueSet } from './dhis2';
import { listProgress, progressForm, reviewProgress, saveDraft, submitProgress } from './progress';
import {
  createPlan,
  getWorkplan,
  listActivities,
  listIndicators,
  listPlanSummaries,
  planTree,
  removeActivity,
  removeIndicator,
  removeOutcome,
  removeOutput,
  removePillar,
  removePlan,
  removeWorkplan,
  saveActivity,
  saveIndicator,
  saveOutcome,
  saveOutput,
  savePillar,
  saveWorkplan,
  updatePlan,
} from './structure';
import { importPlanWorkbook } from './xlsx/import';
import { writeProgressPdf } from './pdfReport';
import { writeProgressReport } from './xlsx/report';
import { writeTemplate } from './xlsx/template';

/** The workplans methods of shared/contract/workplans.ts. */

const cancelled = (signal: AbortSignal, what: string) => {
  if (signal.aborted) throw new CounterpartError('CANCELLED', `${what} was cancelled; no file was written.`);
};

export const workplansHandlers: Handlers<keyof typeof workplansContract> = {
  'plans.list': (_i, { session }) => listPlanSummaries(session.requireUnlocked()),
  'plans.get': ({ planId }, { session }) => planTree(session.requireUnlocked(), planId),
  'plans.create': (input, { session }) => createPlan(session.requireUnlocked(), input),
  'plans.update': (input, { session }) => updatePlan(session.requireUnlocked(), input),
  'plans.remove': ({ planId }, { session }) => removePlan(session.requireUnlocked(), planId),

  'pillars.save': (input, { session }) => savePillar(session.requireUnlocked(), input),
  'pillars.remove': ({ id }, { session }) => removePillar(session.requireUnlocked(), id),
  'outcomes.save': (input, { session }) => saveOutcome(session.requireUnlocked(), input),
  'outcomes.remove': ({ id }, { session }) => removeOutcome(session.requireUnlocked(), id),
  'outputs.save': (input, { session }) => saveOutput(session.requireUnlocked(), input),
  'outputs.remove': ({ id }, { session }) => removeOutput(session.requireUnlocked(), id),

  'activities.list': (input, { session }) => listActivities(session.requireUnlocked(), input),
  'activities.save': (input, { session }) => saveActivity(session.requireUnlocked(), input),
  'activities.remove': ({ id }, { session }) => removeActivity(session.requireUnlocked(), id),
  'indicators.list': (input, { session }) => listIndicators(session.requireUnlocked(), input),
  'indicators.save': (input, { session }) => saveIndicator(session.requireUnlocked(), input),
  'indicators.remove': ({ id }, { session }) => removeIndicator(session.requireUnlocked(), id),
  'workplans.get': ({ planId, year }, { session }) => getWorkplan(session.requireUnlocked(), planId, year),
  'workplans.save': (input, { session }) => saveWorkplan(session.requireUnlocked(), input),
  'workplans.remove': ({ id }, { session }) => removeWorkplan(session.requireUnlocked(), id),

  'progress.list': (input, { session }) => listProgress(session.requireUnlocked(), input),
  'progress.get': (input, { session }) => progressForm(session.requireUnlocked(), input),
  'progress.saveDraft': (input, { session }) => saveDraft(session.requireUnlocked(), input),
  'progress.submit': ({ id }, { session }) => submitProgress(session.requireUnlocked(), id),
  'progress.approve': ({ id, comments }, { session }) => reviewProgress(session.requireUnlocked(), id, 'approved', comments),
  'progress.return': ({ id, comments }, { session }) => reviewProgress(session.requireUnlocked(), id, 'returned', comments),

  'calendar.due': (input, { session }) => calendarDue(session.requireUnlocked(), input),
  'dashboard.get': (input, { session }) => dashboardData(session.requireUnlocked(), input),

  'xlsx.template': async ({ out, language }, { session }) => ({ path: await writeTemplate(session.requireUnlocked(), out, language) }),
  'xlsx.import': ({ path, mode, language }, { session, signal, progress }) => importPlanWorkbook(session.requireUnlocked(), path, mode, language, { signal, progress }),
  'reports.progressXlsx': async ({ planId, period, out, language, basis, asOf }, { session, signal, progress }) => {
    const u = session.requireUnlocked();
    progress(0, 2, 'figures');
    const dashboard = dashboardData(u, { planId, period, basis, asOf });
    cancelled(signal, 'The report');
    progress(1, 2, 'write');
    const written = await writeProgressReport(u, dashboard, out, language);
    progress(2, 2, 'done');
    return written;
  },
  'reports.progressPdf': async ({ planId, period, out, language, basis, asOf }, { session, signal, progress }) => {
    const u = session.requireUnlocked();
    progress(0, 2, 'figures');
    const dashboard = dashboardData(u, { planId, period, basis, asOf });
    cancelled(signal, 'The report');
    progress(1, 2, 'write');
    const written = await writeProgressPdf(u, dashboard, out, language);
    progress(2, 2, 'done');
    return written;
  },
  'dhis2.export': ({ planId, period, out, basis, includeTargets }, { session, signal, progress }) => {
    const u = session.requireUnlocked();
    progress(0, 2, 'figures');
    const { set, skipped } = buildDataValueSet(u, { planId, period, basis, includeTargets });
    cancelled(signal, 'The DHIS2 export');
    progress(1, 2, 'write');
    const path = writeFileAtomic(dirname(out), basename(out), Buffer.from(`${JSON.stringify(set, null, 2)}\n`, 'utf8'));
    u.audit.append({ actor: u.actor, action: 'npa.dhis2.export', recordType: 'npa_plan', recordId: planId, outcome: 'ok', details: { path, period, basis, dataValues: set.dataValues.length } });
    progress(2, 2, 'done');
    return { path, dataValues: set.dataValues.length, skipped };
  },
};
