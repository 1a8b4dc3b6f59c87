// The worklist's columns: what each shows, how wide it is, and which SQL sort it asks for.
import type { ReactNode } from 'react';
import type { WorklistColumn, WorklistRow } from '../../preload/contract';
import { formatAge, formatDicomDate, formatPersonName } from '../viewer/overlay-format';
import { Value } from '../shared/Value';
import { StatusBadge } from './StatusBadge';

export interface ColumnSpec {
  id: WorklistColumn;
  title: string;
  /** CSS grid track. */
  width: string;
  align?: 'end';
  /** The first click sorts this way (dates and counts read best newest/largest first). */
  firstDirection: 'asc' | 'desc';
  cell(row: WorklistRow): ReactNode;
  /** Full text for the tooltip, where a cell may be cut short. */
  tooltip?(row: WorklistRow): string;
}

export const COLUMNS: readonly ColumnSpec[] = [
  {
    id: 'patientName',
    title: 'Patient name',
    width: 'minmax(180px, 2fr)',
    firstDirection: 'asc',
    cell: (row) => <Value text={formatPersonName(row.patientName)} />,
    tooltip: (row) => formatPersonName(row.patientName),
  },
  { id: 'patientId', title: 'Patient ID', width: 'minmax(110px, 1fr)', firstDirection: 'asc', cell: (row) => <Value text={row.patientId} /> },
  { id: 'patientSex', title: 'Sex', width: '52px', firstDirection: 'asc', cell: (row) => <Value text={row.patientSex} /> },
  { id: 'patientAge', title: 'Age', width: '64px', firstDirection: 'asc', cell: (row) => <Value text={formatAge(row.patientAge)} /> },
  { id: 'studyDate', title: 'Study date', width: '108px', firstDirection: 'desc', cell: (row) => <Value text={formatDicomDate(row.studyDate)} /> },
  { id: 'modalities', title: 'Modality', width: '88px', firstDirection: 'asc', cell: (row) => <Value text={row.modalities.join(' / ')} /> },
  {
    id: 'description',
    title: 'Description',
    width: 'minmax(160px, 2.4fr)',
    firstDirection: 'asc',
    cell: (row) => <Value text={row.description} />,
    tooltip: (row) => row.description,
  },
  { id: 'accession', title: 'Accession', width: 'minmax(100px, 1fr)', firstDirection: 'asc', cell: (row) => <Value text={row.accession} /> },
  { id: 'seriesCount', title: 'Series', width: '80px', align: 'end', firstDirection: 'desc', cell: (row) => row.seriesCount },
  { id: 'instanceCount', title: 'Images', width: '84px', align: 'end', firstDirection: 'desc', cell: (row) => row.instanceCount },
  { id: 'readStatus', title: 'Status', width: '112px', firstDirection: 'asc', cell: (row) => <StatusBadge status={row.readStatus} /> },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');
