import type { casesContract } from '../../shared/contract/cases';
import type { Handlers } from '../rpc/types';
import { assessRisk, recordFullScreening, recordRapidScreening } from './assessment';
import { recordAssistance, updateAssistance } from './assistance';
import { downloadAttachment, removeAttachment, uploadAttachment } from './attachments';
import { caseStats, listCases, searchCases } from './caseQueries';
import { caseTimeline, getCaseView } from './caseView';
import { checkConsentFor, recordConsent, withdrawConsent } from './consents';
import { generateDemoCases } from './demo';
import { approveClosure, assignCase, assignees, reopenCase, requestClosure, resolveDuplicate, setStage } from './lifecycle';
import { addNote, addTask, completeTask, dueItems } from './notesAndTasks';
import { operation } from './operation';
import { listProviders, saveProvider } from './providers';
import { duplicateCandidates, registerCase, updateCase } from './registration';
import { cancelFollowUp, recordFollowUp, saveReintegrationPlan, scheduleFollowUp } from './reintegration';
import { saveReturnPlan } from './returns';
import { readCaseSettings, weightsVersion, writeCaseSettings } from './settings';
import { approveHandover, createReferral, requestHandover, setHandoverStatus, setReferralStatus } from './transitions';
import { auditCaseView } from './steps';

/** The case-management methods of the contract, each a thin call into its service. */
export const casesHandlers: Handlers<keyof typeof casesContract> = {
  'cases.search': ({ query, limit }, { session }) => {
    const o = operation(session.requireUnlocked());
    const found = searchCases(o.db, query, limit, o.viewer, o.today);
    if (found.rows.length > 0) auditCaseView(o.u, 'search', found.rows.map((r) => r.caseId));
    return found;
  },
  'cases.duplicates': (input, { session }) => duplicateCandidates(operation(session.requireUnlocked()), input),
  'cases.register': ({ person, identification, assignee }, { session }) => registerCase(operation(session.requireUnlocked()), person, identification, assignee),
  'cases.get': ({ id }, { session }) => getCaseView(operation(session.requireUnlocked()), id),
  'cases.list': (input, { session }) => {
    const o = operation(session.requireUnlocked());
    const page = listCases(o.db, input, o.viewer, o.today);
    if (page.rows.length > 0 && o.viewer.seesNames) auditCaseView(o.u, 'list', page.rows.map((r) => r.caseId), { view: input.view });
    return page;
  },
  'cases.stats': ({ demo }, { session }) => {
    const o = operation(session.requireUnlocked());
    return caseStats(o.db, o.today, demo);
  },
  'cases.timeline': ({ id }, { session }) => caseTimeline(operation(session.requireUnlocked()), id),
  'cases.update': ({ id, person, identification }, { session }) => updateCase(operation(session.requireUnlocked()), id, person, identification),
  'cases.assignees': (_input, { session }) => assignees(operation(session.requireUnlocked())),
  'cases.assign': ({ id, assignee }, { session }) => assignCase(operation(session.requireUnlocked()), id, assignee),
  'cases.setStage': ({ id, stage, reason }, { session }) => setStage(operation(session.requireUnlocked()), id, stage, reason),
  'cases.resolveDuplicate': ({ id, otherCaseId, resolution }, { session }) => resolveDuplicate(operation(session.requireUnlocked()), id, otherCaseId, resolution),
  'cases.requestClosure': ({ id, reason, cas_ReasonForCaseClosure }, { session }) => requestClosure(operation(session.requireUnlocked()), id, reason, cas_ReasonForCaseClosure),
  'cases.approveClosure': ({ id, decision, comment }, { session }) => approveClosure(operation(session.requireUnlocked()), id, decision, comment),
  'cases.reopen': ({ id, reason }, { session }) => reopenCase(operation(session.requireUnlocked()), id, reason),

  'screening.recordRapid': (input, { session }) => recordRapidScreening(operation(session.requireUnlocked()), input),
  'screening.recordFull': (input, { session }) => recordFullScreening(operation(session.requireUnlocked()), input),
  'risk.assess': (input, { session }) => assessRisk(operation(session.requireUnlocked()), input),

  'consent.record': (input, { session }) => recordConsent(operation(session.requireUnlocked()), input),
  'consent.withdraw': ({ id, withdrawnOn, reason }, { session }) => withdrawConsent(operation(session.requireUnlocked()), id, withdrawnOn, reason),
  'consent.check': ({ caseId, need }, { session }) => checkConsentFor(operation(session.requireUnlocked()), caseId, need),

  'providers.list': (input, { session }) => listProviders(operation(session.requireUnlocked()), input),
  'providers.save': ({ id, provider }, { session }) => saveProvider(operation(session.requireUnlocked()), id, provider),

  'referrals.create': (input, { session }) => createReferral(operation(session.requireUnlocked()), input),
  'referrals.setStatus': ({ id, status, comment }, { session }) => setReferralStatus(operation(session.requireUnlocked()), id, status, comment),
  'assistance.record': (input, { session }) => recordAssistance(operation(session.requireUnlocked()), input),
  'assistance.update': (input, { session }) => updateAssistance(operation(session.requireUnlocked()), input),

  'returns.save': (input, { session }) => saveReturnPlan(operation(session.requireUnlocked()), input),
  'returns.requestHandover': ({ returnId, consentOverride }, { session }) => requestHandover(operation(session.requireUnlocked()), returnId, consentOverride),
  'returns.approveHandover': ({ id, decision, comment }, { session }) => approveHandover(operation(session.requireUnlocked()), id, decision, comment),
  'returns.setHandoverStatus': ({ id, status, comment }, { session }) => setHandoverStatus(operation(session.requireUnlocked()), id, status, comment),

  'reintegration.savePlan': (input, { session }) => saveReintegrationPlan(operation(session.requireUnlocked()), input),
  'reintegration.weights': (_input, { session }) => {
    const settings = readCaseSettings(session.requireUnlocked().workspace.db);
    return { active: weightsVersion(settings, settings.activeWeightsVersion), versions: settings.scoreWeights };
  },
  'followups.schedule': ({ caseId, kind, dueDate }, { session }) => scheduleFollowUp(operation(session.requireUnlocked()), caseId, kind, dueDate),
  'followups.cancel': ({ id, reason }, { session }) => cancelFollowUp(operation(session.requireUnlocked()), id, reason),
  'followups.record': (input, { session }) => recordFollowUp(operation(session.requireUnlocked()), input),

  'notes.add': (input, { session }) => addNote(operation(session.requireUnlocked()), input),
  'tasks.add': (input, { session }) => addTask(operation(session.requireUnlocked()), input),
  'tasks.complete': ({ id, doneOn }, { session }) => completeTask(operation(session.requireUnlocked()), id, doneOn),
  'tasks.due': (input, { session }) => dueItems(operation(session.requireUnlocked()), input),
  'attachments.upload': (input, { session }) => uploadAttachment(operation(session.requireUnlocked()), input),
  'attachments.download': ({ id }, { session }) => downloadAttachment(operation(session.requireUnlocked()), id),
  'attachments.remove': ({ id, reason }, { session }) => removeAttachment(operation(session.requireUnlocked()), id, reason),

  'caseSettings.get': (_input, { session }) => readCaseSettings(session.requireUnlocked().workspace.db),
  'caseSettings.update': (patch, { session }) => {
    const u = session.requireUnlocked();
    return u.transaction(() => {
      const settings = writeCaseSettings(u.workspace.db, patch);
      u.audit.append({ actor: u.actor, action: 'caseSettings.update', outcome: 'ok', details: { ...patch } });
      return settings;
    });
  },
  // A long run is activity like every call in flight: the dispatcher's hold keeps the session from idling.
  'demo.generate': ({ cases, seed }, { session, signal, progress }) => generateDemoCases(session.requireUnlocked(), { cases, seed, signal, onProgress: progress }),
};
