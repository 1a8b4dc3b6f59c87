// The worklist's columns: what each shows, how wide it is, and which SQL sort it asks for.
import type { ReactNode } from 'react';
import type { WorklistColumn, WorklistRow } from '../../preload/contract';
import { formatAge, formatDicomDate, formatPersonName } from '../shared/dicom-format';
import { Value } from '../shared/Value';
import { AiCell, aiTooltip } from './AiCell';
import { StatusBadge } from './StatusBadge';

interface ColumnBase {
  title: string;
  /** CSS grid track. */
  width: string;
  align?: 'end';
  cell(row: WorklistRow): ReactNode;
  /** Full text for the tooltip, where a cell may be cut short. */
  tooltip?(row: WorklistRow): string;
}

/** A column the store sorts by: its id is the store's sort key. */
export interface SortableColumn extends ColumnBase {
  id: WorklistColumn;
  /** The first click sorts this way (dates and counts read best newest/largest first). */
  firstDirection: 'asc' | 'desc';
}

/** The AI opinion lives beside the studies table, which is what the store pages and sorts. */
interface AiColumn extends ColumnBase {
  id: 'ai';
}

export type ColumnSpec = SortableColumn | AiColumn;

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
  { id: 'ai', title: 'AI', width: 'minmax(170px, 1.3fr)', cell: (row) => <AiCell ai={row.ai} />, tooltip: aiTooltip },
  { id: 'readStatus', title: 'Status', width: '112px', firstDirection: 'asc', cell: (row) => <StatusBadge status={row.readStatus} /> },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');
