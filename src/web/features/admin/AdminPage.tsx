import { Stack, Tabs } from '@mantine/core';
import { PageTitle } from '../../components/PageTitle.js';
import { useRouter } from '../../router.js';
import { RuleTableEditor } from '../placement/RuleTableEditor.js';
import { ApiTokensPanel } from './ApiTokensPanel.js';
import { CaseloadPanel } from './CaseloadPanel.js';
import { ProgramsPanel } from './ProgramsPanel.js';
import { SitesPanel } from './SitesPanel.js';
import { UsersPanel } from './UsersPanel.js';

const SECTIONS = [
  { value: 'users', label: 'Users' },
  { value: 'sites', label: 'Sites' },
  { value: 'programs', label: 'Programs & tracks' },
  { value: 'caseloads', label: 'Caseloads' },
  { value: 'placement-rules', label: 'Placement rules' },
  { value: 'api-tokens', label: 'API tokens' },
] as const;

/** Users, sites, programs, caseloads and API tokens; the section is part of the address. */
export const AdminPage = ({ section }: { section: string }) => {
  const { navigate } = useRouter();
  const active = SECTIONS.some((s) => s.value === section) ? section : 'users';
  return (
    <Stack gap="md">
      <PageTitle>Administration</PageTitle>
      <Tabs
        value={active}
        onChange={(value) => value && navigate(`/admin/${value}`, { replace: true, keepFocus: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label="Administration sections">
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s.value} value={s.value}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="sites" pt="md">
          <SitesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="programs" pt="md">
          <ProgramsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="caseloads" pt="md">
          <CaseloadPanel />
        </Tabs.Panel>
        <Tabs.Panel value="placement-rules" pt="md">
          <RuleTableEditor />
        </Tabs.Panel>
        <Tabs.Panel value="api-tokens" pt="md">
          <ApiTokensPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
