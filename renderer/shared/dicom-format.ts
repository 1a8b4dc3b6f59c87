// How DICOM values read to a person: names, dates, ages, window settings (worklist, top bar and viewer overlays).

/**
 * `Family^Given^Middle^Prefix^Suffix` → `FAMILY, Given Middle`; an ideographic group (after `=`, as in Japanese,
 * Chinese or Korean names) follows in parentheses, or stands alone when there is no alphabetic one.
 */
export function formatPersonName(value: string): string {
  const [alphabetic = '', ideographic = ''] = value.split('=');
  const ideographs = ideographic.split('^').map((part) => part.trim()).filter(Boolean).join(' ');
  const [family = '', given = '', middle = ''] = alphabetic.split('^').map((part) => part.trim());
  const rest = [given, middle].filter(Boolean).join(' ');
  const latin = !family ? rest : rest ? `${family.toUpperCase()}, ${rest}` : family.toUpperCase();
  if (!ideographs) return latin;
  return latin ? `${latin} (${ideographs})` : ideographs;
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
