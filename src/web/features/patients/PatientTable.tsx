import { Table } from '@mantine/core';
import type { PatientSummary } from '../../../core/api/patients.js';
import { PatientStatusBadge } from '../../components/Badges.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { levelLabel, patientName } from '../../lib/format.js';

export const PatientTable = ({ patients }: { patients: PatientSummary[] }) => (
  <Table.ScrollContainer minWidth={720}>
    <Table aria-label="Patients">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">MRN</Table.Th>
          <Table.Th scope="col">Date of birth</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Level of care</Table.Th>
          <Table.Th scope="col">Primary clinician</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {patients.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <TextLink to={`/patients/${p.id}`} fw={600}>
                {patientName(p)}
              </TextLink>
              {p.preferredName && <span> ({p.preferredName})</span>}
            </Table.Td>
            <Table.Td ff="monospace">{p.mrn}</Table.Td>
            <Table.Td>{formatDate(p.dateOfBirth)}</Table.Td>
            <Table.Td>
              <PatientStatusBadge status={p.status} />
            </Table.Td>
            <Table.Td>{levelLabel(p.levelOfCare)}</Table.Td>
            <Table.Td>{p.primaryClinician?.displayName ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  </Table.ScrollContainer>
);
