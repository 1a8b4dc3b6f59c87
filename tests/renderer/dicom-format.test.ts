import { describe, expect, it } from 'vitest';
import { formatDicomDate, formatPersonName } from '../../renderer/shared/dicom-format';

describe('formatPersonName', () => {
  it('reads Family^Given as a reading room shows it', () => {
    expect(formatPersonName('Nguyen^Van An')).toBe('NGUYEN, Van An');
    expect(formatPersonName('Doe')).toBe('DOE');
    expect(formatPersonName('')).toBe('');
  });

  it('keeps the ideographic group of a multi-script name', () => {
    expect(formatPersonName('Yamada^Tarou=山田^太郎=やまだ^たろう')).toBe('YAMADA, Tarou (山田 太郎)');
    expect(formatPersonName('=洪^吉洞')).toBe('洪 吉洞');
  });
});

describe('formatDicomDate', () => {
  it('writes DA as an ISO date', () => {
    expect(formatDicomDate('20260115')).toBe('2026-01-15');
  });
});
