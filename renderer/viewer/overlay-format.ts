// Text formats for the corner overlays, the way reading-room software shows DICOM values.

/** `Family^Given^Middle^Prefix^Suffix` → `FAMILY, Given Middle`. */
export function formatPersonName(value: string): string {
  const [family = '', given = '', middle = ''] = value.split('=')[0]!.split('^').map((part) => part.trim());
  const rest = [given, middle].filter(Boolean).join(' ');
  if (!family) return rest;
  return rest ? `${family.toUpperCase()}, ${rest}` : family.toUpperCase();
}

/** DICOM DA `YYYYMMDD` → `YYYY-MM-DD`; anything else is shown as stored. */
export function formatDicomDate(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : value;
}

/** `045Y` → `45 y`; `003M` → `3 mo`. */
export function formatAge(value: string): string {
  const match = /^(\d{3})([DWMY])$/.exec(value.trim());
  if (!match) return value;
  const unit = { D: 'd', W: 'wk', M: 'mo', Y: 'y' }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return `${Number(match[1])} ${unit}`;
}

export function formatWindow(width: number, center: number): string {
  return `W ${Math.round(width)}  L ${Math.round(center)}`;
}
