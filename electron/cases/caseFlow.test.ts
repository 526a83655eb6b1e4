import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contract/audit';
import { caseOffice, daysFromToday, today } from './testkit';

const MYA_THIDA = {
  person: {
    prs_FirstName: 'မြသီတာ',
    aliases: ['Mya Thida'],
    prs_Gender: 'Feminine',
    estimatedAge: 19,
    estimatedAgeOn: today(),
    prs_Citizenship: ['MMR'],
    prs_PrimaryLanguage: 'my',
  },
  identification: { identificationDate: today(), identificationCountry: 'THA', identificationSource: 'Police', identificationPlace: 'Bangkok' },
};

describe('a case along the SOPs, from identification to closure', () => {
  it('registers, screens, refers with consent, assists, returns to Myanmar, reintegrates, closes and reopens — each step on the timeline and in the audit log', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId, caseNumber } = await o.call('cases.register', MYA_THIDA);
    expect(caseNumber).toMatch(/^TH-ATTF-\d{4}-00001$/);

    // Rapid screening, then the full screening.
    await o.call('screening.recordRapid', {
      caseId,
      screenedOn: today(),
      answers: { deceived_about_job: 'yes', documents_held_by_others: 'yes', not_free_to_leave: 'yes', under_18_in_exploitative_work: 'no' },
      fullScreeningNeeded: true,
    });
    expect((await o.call('cases.get', { id: caseId })).case.stage).toBe('screening');
    // Assistance starts only after a full screening finds a presumed victim.
    expect(await o.attempt('cases.setStage', { id: caseId, stage: 'assistance' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    await o.call('screening.recordFull', {
      caseId,
      screenedOn: today(),
      interviewLanguage: 'my',
      interpreterUsed: true,
      recruitmentIndicators: ['deceptive_job_offer'],
      movementIndicators: ['transported_by_recruiter', 'irregular_crossing_arranged'],
      exploitationIndicators: ['forced_sexual_services'],
      vic_MethodOfRecruitment: ['ThroughOnlineSocialNetworks'],
      vic_RecruitmentWebsitesAndApps: ['Facebook'],
      vic_MethodsOfControl: ['DebtBondage', 'WithholdsDocuments', 'RestrictsMovement'],
      vic_TypeOfExploitation: ['SexualExploitation'],
      vic_TypeOfSexExploitation: ['Prostitution'],
      recruiterRelations: ['Friend'],
      vic_AgeWhenTrafficked: 17,
      events: [
        { hte_Type: 'Recruitment', hte_Country: 'MMR', hte_City: 'Hpa-an', hte_Date: daysFromToday(-400) },
        { hte_Type: 'Transit', hte_Country: 'MMR', hte_City: 'Myawaddy', hte_Date: daysFromToday(-395) },
        { hte_Type: 'Exploitation', hte_Country: 'THA', hte_City: 'Bangkok', hte_Date: daysFromToday(-390), endDate: daysFromToday(-1) },
      ],
      outcome: 'presumed_victim',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
    });
    let view = await o.call('cases.get', { id: caseId });
    expect(view.derived).toMatchObject({ screeningOutcome: 'presumed_victim', scope: 'international', countries: { origin: ['MMR'], exploitation: ['THA'] }, child: false });
    expect(view.derived.exploitationMonths).toBeGreaterThanOrEqual(12);

    // Consent to assistance; referral to the shelter without consent to share is refused in plain words.
    await o.call('consent.record', { caseId, purpose: 'assistance', con_Consent: true, takenOn: today(), method: 'written', interpreterUsed: true });
    const referral = { caseId, providerId: o.shelterId, services: ['shelter'], urgency: 'urgent', cas_OutgoingReferralDate: today() };
    const refused = await o.attempt('referrals.create', referral);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error.message).toBe(
      'The person has not agreed to their information being shared with Samut Sakhon Protection Shelter for a referral. Record their consent first — or a case manager can go ahead with a written reason.',
    );
    expect((await o.call('cases.get', { id: caseId })).referrals).toHaveLength(0);
    // A case worker cannot override; a case manager can, with a reason that is kept and audited.
    expect(await o.attempt('referrals.create', { ...referral, consentOverride: { reason: 'Emergency: she has nowhere safe to sleep tonight.' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.as('somchai');
    expect(await o.attempt('referrals.create', { ...referral, consentOverride: { reason: 'short' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const emergency = await o.call('referrals.create', { ...referral, consentOverride: { reason: 'Emergency: she has nowhere safe to sleep tonight.' } });
    expect(emergency.consentBasis).toMatchObject({ kind: 'override', override: { by: 'somchai', reason: 'Emergency: she has nowhere safe to sleep tonight.' } });

    // With consent recorded, the case worker refers and follows the referral through.
    await o.as('aye');
    const sharing = await o.call('consent.record', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { providerId: o.shelterId, name: 'Samut Sakhon Protection Shelter' },
      sharingPurposes: ['referral'],
      takenOn: today(),
      method: 'written',
    });
    expect(sharing.active).toBe(true);
    const shelterReferral = await o.call('referrals.create', { ...referral, urgency: 'routine', services: ['psychosocial'] });
    expect(shelterReferral.consentBasis).toEqual({ kind: 'consent', consentIds: [sharing.id] });
    await o.call('referrals.setStatus', { id: shelterReferral.id, status: 'accepted' });
    expect(await o.attempt('referrals.setStatus', { id: shelterReferral.id, status: 'in_progress' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    await o.call('referrals.setStatus', { id: shelterReferral.id, status: 'done', comment: 'Counselling completed' });

    await o.call('assistance.record', { caseId, type: 'shelter', providerId: o.shelterId, referralId: shelterReferral.id, startDate: today() });
    const medical = await o.call('assistance.record', { caseId, type: 'medical', provider: { name: 'Bangkok General Hospital' }, startDate: today(), cost: { amount: 2500, currency: 'thb' } });
    expect(medical.cost).toEqual({ amount: 2500, currency: 'THB' });
    await o.call('risk.assess', {
      caseId,
      assessedOn: today(),
      factors: [
        { level: 'individual', kind: 'risk', factor: 'Debt to the recruiter', severity: 'high' },
        { level: 'household', kind: 'protective', factor: 'Supportive mother', severity: 'medium' },
        { level: 'community', kind: 'risk', factor: 'Recruiter lives in the village', severity: 'high' },
        { level: 'structural', kind: 'risk', factor: 'Conflict in Kayin State', severity: 'medium' },
      ],
      safetyPlan: { measures: 'Return with escort; no contact with the recruiter; weekly calls.' },
    });
    expect((await o.call('cases.get', { id: caseId })).case.stage).toBe('assistance');

    // Return to Myanmar: a plan, consent, a cross-border handover approved by a supervisor.
    const plan = await o.call('returns.save', {
      caseId,
      plan: {
        destinationCountry: 'MMR',
        destinationArea: 'Hpa-an, Kayin State',
        plannedDate: daysFromToday(14),
        route: [{ from: 'Bangkok', to: 'Mae Sot', mode: 'road' }, { from: 'Mae Sot', to: 'Myawaddy', mode: 'foot', borderCrossing: 'Friendship Bridge' }],
        escortRequired: true,
        escortOrganisation: 'Anti-Trafficking Task Force',
        travelDocuments: [{ type: 'CertificateOfIdentity', status: 'applied' }],
        receivingOrganisation: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
        caseConferences: [{ date: today(), participants: 'Aye (case worker), MM-DSW by phone', notes: 'Family visited; mother agrees.' }],
      },
    });
    expect((await o.call('cases.get', { id: caseId })).case.stage).toBe('return');
    expect(await o.attempt('returns.requestHandover', { returnId: plan.id })).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    await o.call('consent.record', { caseId, purpose: 'return', con_Consent: true, takenOn: today(), method: 'written' });
    await o.call('consent.record', {
      caseId,
      purpose: 'sharing',
      con_Consent: true,
      recipient: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' },
      sharingPurposes: ['return', 'case_management'],
      takenOn: today(),
      method: 'written',
    });
    expect(await o.call('consent.check', { caseId, need: { kind: 'handover', returnId: plan.id } })).toMatchObject({ allowed: true, message: null });
    const handover = await o.call('returns.requestHandover', { returnId: plan.id });
    expect(handover).toMatchObject({ crossBorder: true, status: 'in_progress', approval: { decision: 'pending', requestedBy: 'aye' } });
    expect(await o.attempt('returns.setHandoverStatus', { id: handover.id, status: 'done' })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    expect(await o.attempt('returns.approveHandover', { id: handover.id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await o.as('somchai');
    await o.call('returns.approveHandover', { id: handover.id, decision: 'approve', comment: 'MM-DSW confirmed reception.' });
    await o.as('aye');
    await o.call('returns.setHandoverStatus', { id: handover.id, status: 'accepted' });
    const handedOver = await o.call('returns.setHandoverStatus', { id: handover.id, status: 'done' });
    expect(handedOver.history.map((h) => h.status)).toEqual(['in_progress', 'accepted', 'done']);
    view = await o.call('cases.get', { id: caseId });
    expect(view.returns[0]!.actualReturnDate).toBe(today());
    expect(view.derived.reintegrationPlan).toMatchObject({ dueOn: daysFromToday(30), overdue: false });

    // Reintegration: a plan within the month, two follow-ups with scores and their composite.
    await o.call('reintegration.savePlan', {
      caseId,
      plan: {
        planDate: today(),
        spl_Objectives: 'Income from tailoring; living safely with her mother; counselling.',
        goals: [
          { dimension: 'economic', goal: 'Tailoring course and a sewing machine' },
          { dimension: 'social', goal: 'Live with her mother in Hpa-an' },
          { dimension: 'psychosocial', goal: 'Monthly counselling' },
        ],
        agreedWithPerson: true,
      },
    });
    expect((await o.call('cases.get', { id: caseId })).case).toMatchObject({ stage: 'reintegration', cas_Status: 'FollowUp' });
    const first = await o.call('followups.schedule', { caseId, kind: 'home_visit', dueDate: daysFromToday(30) });
    const visit1 = await o.call('followups.record', { id: first.id, visitDate: today(), scores: { economic: 0.3, social: 0.6, psychosocial: 0.45 }, nextDueDate: daysFromToday(90) });
    expect(visit1).toMatchObject({ composite: 0.45, weightsVersion: 'equal-v1' });
    view = await o.call('cases.get', { id: caseId });
    const next = view.followups.find((f) => !f.visitDate)!;
    const visit2 = await o.call('followups.record', { id: next.id, visitDate: today(), scores: { economic: 0.6, social: 0.8, psychosocial: 0.7 } });
    expect(visit2.composite).toBe(0.7);
    expect(await o.attempt('followups.record', { id: next.id, visitDate: today() })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect((await o.call('cases.get', { id: caseId })).derived.latestComposite).toBe(0.7);

    // Closure: a reason, and a supervisor's approval.
    expect(await o.attempt('cases.requestClosure', { id: caseId, reason: 'reintegrated', cas_ReasonForCaseClosure: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await o.call('cases.requestClosure', { id: caseId, reason: 'reintegrated', cas_ReasonForCaseClosure: 'Stable income and living safely with her family for six months.' });
    expect(await o.attempt('cases.approveClosure', { id: caseId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await o.call('cases.get', { id: caseId })).case.stage).toBe('reintegration');
    await o.as('somchai');
    const closed = await o.call('cases.approveClosure', { id: caseId, decision: 'approve', comment: 'Agreed at the case conference.' });
    expect(closed).toMatchObject({ stage: 'closed', status: 'Closed', closurePending: false });
    expect(await o.attempt('notes.add', { caseId, cco_CaseComment: 'Called after closure: doing well.' })).toMatchObject({ ok: true });
    expect(await o.attempt('tasks.add', { caseId, title: 'Visit', dueDate: today() })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });

    // Reopening returns the case to where it was.
    const reopened = await o.call('cases.reopen', { id: caseId, reason: 'The recruiter contacted her again.' });
    expect(reopened).toMatchObject({ stage: 'reintegration', status: 'FollowUp' });

    // The timeline shows every step, in order.
    const { entries } = await o.call('cases.timeline', { id: caseId });
    expect(entries.map((e) => e.kind)).toEqual([
      'registered',
      'screened_rapid',
      'stage_changed',
      'screened_full',
      'consent_recorded',
      'consent_overridden',
      'referral_created',
      'stage_changed',
      'consent_recorded',
      'referral_created',
      'referral_status',
      'referral_status',
      'assistance_recorded',
      'assistance_recorded',
      'risk_assessed',
      'return_planned',
      'stage_changed',
      'consent_recorded',
      'consent_recorded',
      'handover_requested',
      'handover_decided',
      'handover_status',
      'handover_status',
      'reintegration_planned',
      'stage_changed',
      'followup_scheduled',
      'followup_recorded',
      'followup_scheduled',
      'followup_recorded',
      'closure_requested',
      'closure_decided',
      'note_added',
      'reopened',
    ]);
    const override = entries.find((e) => e.kind === 'consent_overridden')!;
    expect(override).toMatchObject({ by: 'somchai', details: { action: 'referral', reason: 'Emergency: she has nowhere safe to sleep tonight.' } });

    // The audit log: every write of every record, and every read of the case file.
    await o.as('admin');
    const audit = async (filter: Record<string, unknown>): Promise<AuditEntry[]> => (await o.call('audit.list', { limit: 500, ...filter })).entries;
    const records = (await o.call('cases.get', { id: caseId })) as unknown as Record<string, { id: string }[]>;
    const childIds = ['screenings', 'consents', 'referrals', 'handovers', 'assistance', 'returns', 'reintegrationPlans', 'followups', 'notes', 'riskAssessments'].flatMap((k) => records[k]!.map((r) => r.id));
    for (const id of [caseId, ...childIds]) expect((await audit({ recordId: id })).some((e) => e.action.endsWith('.create')), id).toBe(true);
    const views = await audit({ action: 'case.view', recordId: caseId });
    const gets = (await audit({ action: 'cases.get' })).length;
    expect(views.filter((e) => (e.details as { what?: string }).what === 'file')).toHaveLength(gets);
    expect(views.some((e) => (e.details as { what?: string }).what === 'timeline')).toBe(true);
    expect((await audit({ action: 'case.consent_overridden', recordId: caseId }))[0]).toMatchObject({ username: 'somchai', outcome: 'ok' });
    expect(await o.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('keeps a reintegration plan due within a month of return, and flags it overdue on the list', async () => {
    const o = await caseOffice();
    await o.as('aye');
    const { caseId } = await o.call('cases.register', MYA_THIDA);
    await o.call('screening.recordFull', { caseId, screenedOn: today(), outcome: 'presumed_victim', vic_TypeOfExploitation: ['ForcedLabour'], vic_ForcedLabourIndustry: ['A_AgricultureForestryAndFishing'] });
    await o.call('assistance.record', { caseId, type: 'shelter', providerId: o.shelterId, startDate: daysFromToday(-80) });
    await o.call('returns.save', {
      caseId,
      plan: { destinationCountry: 'MMR', plannedDate: daysFromToday(-40), actualReturnDate: daysFromToday(-40), receivingOrganisation: { code: 'MM-DSW', name: 'Department of Social Welfare, Myanmar' } },
    });
    const view = await o.call('cases.get', { id: caseId });
    expect(view.derived.reintegrationPlan).toEqual({ dueOn: daysFromToday(-10), overdue: true, late: false });
    const overdue = await o.call('cases.list', { view: 'overdue' });
    expect(overdue.rows.map((r) => r.caseId)).toEqual([caseId]);
    expect(overdue.rows[0]).toMatchObject({ overdue: true, nextDue: daysFromToday(-10) });
    const due = await o.call('tasks.due', { overdueOnly: true });
    expect(due).toEqual([expect.objectContaining({ caseId, kind: 'reintegration_plan', dueDate: daysFromToday(-10), overdue: true })]);
    await o.call('reintegration.savePlan', { caseId, plan: { planDate: today(), spl_Objectives: 'Work and family.', goals: [], agreedWithPerson: true } });
    const missed = await o.call('followups.schedule', { caseId, kind: 'phone', dueDate: daysFromToday(-3) });
    expect((await o.call('cases.list', { view: 'overdue' })).rows).toHaveLength(1);
    await o.call('followups.cancel', { id: missed.id, reason: 'Replaced by a home visit' });
    expect((await o.call('cases.get', { id: caseId })).derived.reintegrationPlan).toEqual({ dueOn: daysFromToday(-10), overdue: false, late: true });
    expect((await o.call('cases.list', { view: 'overdue' })).rows).toHaveLength(0);
  });

  it('a case manager cannot approve the closure they asked for; another one can, and may also reject it', async () => {
    const o = await caseOffice();
    await o.as('somchai');
    const { caseId } = await o.call('cases.register', { ...MYA_THIDA, assignee: 'aye' });
    await o.call('cases.requestClosure', { id: caseId, reason: 'not_a_victim', cas_ReasonForCaseClosure: 'Screening found a labour dispute, not trafficking.' });
    expect(await o.attempt('cases.approveClosure', { id: caseId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    await o.as('malee');
    expect(await o.call('cases.approveClosure', { id: caseId, decision: 'reject', comment: 'Do the full screening first.' })).toMatchObject({ stage: 'identification', closurePending: false });
    expect(await o.attempt('cases.approveClosure', { id: caseId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });
});
