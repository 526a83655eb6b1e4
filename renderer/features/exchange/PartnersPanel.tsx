import { useState } from 'react';
import { Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../shared/contract/exchange';
import { mayCall } from '../../app/navigation';
import { selectUser, useAppSelector } from '../../app/store';
import { formatDateTime, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useImportPartnerMutation, usePartnersQuery } from './api';
import { PathInput, isFullPath } from './PathInput';
import { RevokePartnerDialog } from './RevokePartnerDialog';
import { TRUST_COLOUR } from './trust';
import { VerifyPartnerDialog } from './VerifyPartnerDialog';

/** What the trust state means for this partner: who verified it, when and how, or why it was revoked. */
function TrustDetails({ partner }: { partner: Partner }) {
  const { t, i18n } = useTranslation();
  if (partner.trust === 'verified' && partner.verifiedAt)
    return (
      <Text size="xs">
        {t('exchangeModule.partners.verifiedDetail', {
          by: partner.verifiedBy ?? '',
          at: formatDateTime(partner.verifiedAt, i18n.language),
          how: partner.verifiedHow ? t(`exchangeModule.verify.methods.${partner.verifiedHow}`, { defaultValue: partner.verifiedHow }) : '',
        })}
      </Text>
    );
  if (partner.trust === 'revoked' && partner.revokedAt)
    return (
      <Text size="xs">
        {t('exchangeModule.partners.revokedDetail', { by: partner.revokedBy ?? '', at: formatDateTime(partner.revokedAt, i18n.language), reason: partner.revokedReason ?? '' })}
      </Text>
    );
  return (
    <Text size="xs" c="dimmed">
      {t('exchangeModule.partners.unverifiedDetail')}
    </Text>
  );
}

/** The partner directory: import a card, compare fingerprints, trust states, revoke. */
export function PartnersPanel() {
  const { t, i18n } = useTranslation();
  const user = useAppSelector(selectUser);
  const { data: partners, error } = usePartnersQuery();
  const [importPartner, imported] = useImportPartnerMutation();
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState<Partner | null>(null);
  const [revoking, setRevoking] = useState<Partner | null>(null);
  const mayImport = !!user && mayCall(user.role, 'partners.import');
  const mayVerify = !!user && mayCall(user.role, 'partners.verify');
  const mayRevoke = !!user && mayCall(user.role, 'partners.revoke');

  const submit = () => {
    if (!isFullPath(path)) {
      setPathError(t('exchangeModule.path.notFull'));
      return;
    }
    setPathError(null);
    void importPartner({ path: path.trim() });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="partners-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="partners-title">
          {t('exchangeModule.partners.title')}
        </Title>
        <ErrorAlert error={error} />
        {mayImport && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <div style={{ flex: 1, minWidth: 280 }}>
                <PathInput label={t('exchangeModule.partners.importLabel')} description={t('exchangeModule.partners.importHelp')} value={path} onChange={setPath} error={pathError} testId="partner-card-path" />
              </div>
              <Button type="submit" loading={imported.isLoading} data-testid="partner-import">
                {t('exchangeModule.partners.import')}
              </Button>
            </Group>
          </form>
        )}
        <ErrorAlert error={imported.error} />
        {imported.data && (
          <Alert color="green" variant="light" role="status" data-testid="partner-imported">
            {t('exchangeModule.partners.imported', { code: imported.data.code })}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" striped data-testid="partners-table">
            <Table.Caption>{t('exchangeModule.partners.caption', { count: formatNumber(partners?.length ?? 0, i18n.language) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exchangeModule.partners.organisation')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.partners.trust')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.partners.fingerprint')}</Table.Th>
                <Table.Th scope="col">{t('exchangeModule.partners.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(partners ?? []).map((partner) => (
                <Table.Tr key={partner.code} data-testid={`partner-row-${partner.code}`}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {partner.code}
                    </Text>
                    <Text size="xs">
                      {partner.name} ({partner.country})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={TRUST_COLOUR[partner.trust]} variant="light" data-testid={`partner-trust-${partner.code}`}>
                      {t(`exchangeModule.trust.${partner.trust}`)}
                    </Badge>
                    <TrustDetails partner={partner} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {partner.fingerprint.digits}
                    </Text>
                    <Text size="xs" ff="monospace" lang="en">
                      {partner.fingerprint.words}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {(mayVerify || mayRevoke) && partner.trust !== 'revoked' && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="xs" variant="default" aria-label={t('exchangeModule.partners.actionsFor', { code: partner.code })} data-testid={`partner-actions-${partner.code}`}>
                            {t('exchangeModule.partners.actions')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {mayVerify && partner.trust === 'unverified' && <Menu.Item onClick={() => setVerifying(partner)}>{t('exchangeModule.partners.verify')}</Menu.Item>}
                          {mayRevoke && (
                            <Menu.Item color="red" onClick={() => setRevoking(partner)}>
                              {t('exchangeModule.partners.revoke')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {verifying && <VerifyPartnerDialog partner={verifying} onClose={() => setVerifying(null)} />}
      {revoking && <RevokePartnerDialog partner={revoking} onClose={() => setRevoking(null)} />}
    </Paper>
  );
}
