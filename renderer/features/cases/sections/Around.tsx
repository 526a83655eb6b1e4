import { useState } from 'react';
import { Badge, Button, Checkbox, FileInput, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/contract/cases';
import { CLOSURE_REASONS } from '../../../../shared/domain/cases/lifecycle';
import { formatBytes, formatDateTime } from '../../../app/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCaseSettingsQuery, useDownloadAttachmentMutation } from '../api';
import { ChangeError, options, required, Section, todayIso, useCaseChange } from '../ui';

export function NotesSection({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [text, setText] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {v.notes.map((n) => (
        <Section key={n.id} id={`note-${n.id}`} title={t('caseFile.notes.by', { name: n.authoredBy, when: formatDateTime(n.writtenAt, i18n.language) })}>
          {n.confidential && <Badge color="red" variant="light">{t('caseFile.notes.confidential')}</Badge>}
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="note-text">
            {n.withheld ? t('caseFile.notes.withheld') : n.cco_CaseComment}
          </Text>
        </Section>
      ))}
      {v.permissions.write && (
        <Section id="note-new" title={t('caseFile.notes.title')}>
          <Textarea label={t('caseFile.notes.text')} description={t('caseFile.notes.appendOnly')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={problem} autosize minRows={3} />
          <Checkbox label={t('caseFile.notes.confidential')} checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
          <Button
            w="fit-content"
            loading={busy}
            onClick={async () => {
              const p = required(t, text);
              setProblem(p);
              if (p) return;
              if (await run({ method: 'notes.add', params: { caseId: v.case.id, cco_CaseComment: text.trim(), confidential } })) setText('');
            }}
            data-testid="note-submit"
          >
            {t('caseFile.notes.save')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export function AttachmentsSection({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [download, downloading] = useDownloadAttachmentMutation();
  const settings = useCaseSettingsQuery();
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const fetchFile = async (id: string) => {
    const r = await download({ id, caseId: v.case.id });
    if (!('data' in r) || !r.data) return;
    const bytes = Uint8Array.from(atob(r.data.contentBase64), (ch) => ch.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.data.attachment.mediaType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.data.attachment.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      <ErrorAlert error={downloading.error} />
      <Table verticalSpacing={4} data-testid="attachments">
        <Table.Caption>{t('caseFile.attachments.list')}</Table.Caption>
        <Table.Tbody>
          {v.attachments.map((a) => (
            <Table.Tr key={a.id} data-testid="attachment-row">
              <Table.Td>{a.fileName}</Table.Td>
              <Table.Td>{a.mediaType}</Table.Td>
              <Table.Td>{formatBytes(a.size, i18n.language)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" aria-label={t('caseFile.attachments.downloadName', { name: a.fileName })} onClick={() => void fetchFile(a.id)}>
                  {t('caseFile.attachments.download')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.permissions.write && (
        <Section id="attachment-new" title={t('caseFile.attachments.title')}>
          <Group align="flex-end" gap="xs">
            <FileInput
              label={t('caseFile.attachments.file')}
              description={settings.data ? t('caseFile.attachments.helpWithLimit', { size: formatBytes(settings.data.attachmentMaxBytes, i18n.language) }) : t('caseFile.attachments.help')} value={file} onChange={setFile} w={280} data-testid="attachment-file" />
            <TextInput label={t('caseFile.attachments.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
            <Button
              loading={busy}
              disabled={!file}
              onClick={async () => {
                if (!file) return;
                const ok = await run({ method: 'attachments.upload', params: { caseId: v.case.id, fileName: file.name, description: description.trim() || undefined, contentBase64: await toBase64(file) } });
                if (ok) setFile(null);
              }}
              data-testid="attachment-submit"
            >
              {t('caseFile.attachments.upload')}
            </Button>
          </Group>
        </Section>
      )}
    </Stack>
  );
}

export function TasksSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(todayIso());
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      <Table verticalSpacing={4} data-testid="tasks">
        <Table.Caption>{t('caseFile.tasks.list')}</Table.Caption>
        <Table.Tbody>
          {v.tasks.map((task) => (
            <Table.Tr key={task.id} data-testid="task-row">
              <Table.Td>{task.title}</Table.Td>
              <Table.Td>{task.dueDate}</Table.Td>
              <Table.Td>{task.assignee ?? '—'}</Table.Td>
              <Table.Td>
                {task.doneOn ? (
                  <Badge color="green">{t('caseFile.tasks.doneOn', { date: task.doneOn })}</Badge>
                ) : (
                  v.permissions.write && (
                    <Button size="xs" variant="default" onClick={() => void run({ method: 'tasks.complete', params: { id: task.id } })} data-testid="task-complete">
                      {t('caseFile.tasks.complete')}
                    </Button>
                  )
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {v.permissions.write && (
        <Group align="flex-end" gap="xs">
          <TextInput label={t('caseFile.tasks.titleLabel')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={problem} w={300} />
          <TextInput type="date" label={t('caseFile.tasks.due')} value={due} onChange={(e) => setDue(e.currentTarget.value)} />
          <Button
            loading={busy}
            onClick={async () => {
              const p = required(t, title);
              setProblem(p);
              if (p) return;
              if (await run({ method: 'tasks.add', params: { caseId: v.case.id, title: title.trim(), dueDate: due } })) setTitle('');
            }}
            data-testid="task-submit"
          >
            {t('caseFile.tasks.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function ClosureSection({ v }: { v: CaseView }) {
  const { t } = useTranslation();
  const { run, error, busy } = useCaseChange(v.case.id);
  const [reason, setReason] = useState('reintegrated');
  const [words, setWords] = useState('');
  const [reopenWhy, setReopenWhy] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const closure = v.case.closure;
  const closed = v.case.stage === 'closed';
  const enough = (s: string) => (s.trim().length >= 3 ? null : t('caseFile.closure.sayWhy'));
  return (
    <Stack gap="sm">
      <ChangeError error={error} />
      {closure && (
        <Section id="closure-state" title={t('caseFile.closure.state')}>
          <Group gap="xs">
            <Badge data-testid="closure-decision">{t(`caseFile.return.approval.${closure.approval.decision}`)}</Badge>
            {t(`caseFile.closure.reasons.${closure.reason}`)}
          </Group>
          <Text>{closure.cas_ReasonForCaseClosure}</Text>
          {v.permissions.approve && closure.approval.decision === 'pending' && (
            <Group gap="xs">
              <Button onClick={() => void run({ method: 'cases.approveClosure', params: { id: v.case.id, decision: 'approve' } })} loading={busy} data-testid="closure-approve">
                {t('caseFile.closure.approve')}
              </Button>
              <Button variant="default" onClick={() => void run({ method: 'cases.approveClosure', params: { id: v.case.id, decision: 'reject' } })}>
                {t('caseFile.closure.reject')}
              </Button>
            </Group>
          )}
        </Section>
      )}
      {v.permissions.write && !closed && closure?.approval.decision !== 'pending' && (
        <Section id="closure-new" title={t('caseFile.closure.title')}>
          <NativeSelect label={t('caseFile.closure.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data={options(t, 'closure.reasons', CLOSURE_REASONS)} w={280} />
          <Textarea label={t('caseFile.closure.words')} required value={words} onChange={(e) => setWords(e.currentTarget.value)} error={problem} autosize minRows={2} />
          <Button
            w="fit-content"
            loading={busy}
            onClick={() => {
              const p = enough(words);
              setProblem(p);
              if (!p) void run({ method: 'cases.requestClosure', params: { id: v.case.id, reason: reason as never, cas_ReasonForCaseClosure: words.trim() } });
            }}
            data-testid="closure-request"
          >
            {t('caseFile.closure.request')}
          </Button>
        </Section>
      )}
      {closed && v.permissions.reopen && (
        <Section id="reopen" title={t('caseFile.closure.reopenTitle')}>
          <Textarea label={t('caseFile.closure.reopenWhy')} required value={reopenWhy} onChange={(e) => setReopenWhy(e.currentTarget.value)} error={problem} autosize minRows={2} />
          <Button
            w="fit-content"
            variant="default"
            onClick={() => {
              const p = enough(reopenWhy);
              setProblem(p);
              if (!p) void run({ method: 'cases.reopen', params: { id: v.case.id, reason: reopenWhy.trim() } });
            }}
          >
            {t('caseFile.closure.reopen')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}
