// Decoding of DICOM text values under Specific Character Set (0008,0005), PS3.5 §6.1.
// Only values of text VRs (PN, LO, SH, ST, LT, UT, UC) go through here; UIDs and codes are plain ASCII.

/** Defined Terms of (0008,0005) → WHATWG encoding labels understood by TextDecoder (Node ships full ICU). */
const SINGLE_BYTE: Record<string, string> = {
  '': 'windows-1252',
  ISO_IR_6: 'windows-1252',
  ISO_IR_100: 'windows-1252',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'windows-1254',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_13: 'shift_jis',
  ISO_IR_166: 'windows-874',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** Code-extension terms (ISO 2022 escape sequences inside the value) → the decoder that understands them. */
const CODE_EXTENSIONS: Record<string, string> = {
  'ISO_2022_IR_87': 'iso-2022-jp',
  'ISO_2022_IR_159': 'iso-2022-jp',
  'ISO_2022_IR_13': 'iso-2022-jp',
  'ISO_2022_IR_149': 'euc-kr',
  'ISO_2022_IR_58': 'gb18030',
};

const decoders = new Map<string, TextDecoder>();
function decoderFor(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (!decoder) {
    decoder = new TextDecoder(label);
    decoders.set(label, decoder);
  }
  return decoder;
}

const normalizeTerm = (term: string) => term.trim().replace(/ /g, '_');

export interface CharsetDecoder {
  decode(bytes: Uint8Array): string;
  /** Terms that Lantern did not recognise; values are then read as Latin-1 and the import notes it. */
  unknownTerms: string[];
}

export function charsetDecoder(specificCharacterSet: string | undefined): CharsetDecoder {
  const terms = (specificCharacterSet ?? '').split('\\').map(normalizeTerm);
  const unknownTerms: string[] = [];
  let label = 'windows-1252';
  let escapeStripping = false;

  for (const term of terms) {
    if (term in CODE_EXTENSIONS) {
      const extension = CODE_EXTENSIONS[term]!;
      label = extension;
      // iso-2022-jp interprets the escapes itself; Korean/Chinese G1 designations only need removing.
      escapeStripping = extension !== 'iso-2022-jp';
    } else if (term.startsWith('ISO_2022_')) {
      const base = SINGLE_BYTE[term.replace('ISO_2022_', 'ISO_')];
      if (base && label === 'windows-1252') label = base;
      else if (!base) unknownTerms.push(term);
    } else if (term in SINGLE_BYTE) {
      if (label === 'windows-1252') label = SINGLE_BYTE[term]!;
    } else {
      unknownTerms.push(term);
    }
  }

  const decoder = decoderFor(label);
  return {
    unknownTerms,
    decode(bytes) {
      const input = escapeStripping ? stripDesignations(bytes) : bytes;
      return decoder.decode(input);
    },
  };
}

/** Removes ISO 2022 G1 designation escapes (ESC $ ) X) so an EUC decoder sees plain EUC bytes. */
function stripDesignations(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(0x1b)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x24 && bytes[i + 2] === 0x29) {
      i += 3;
      continue;
    }
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x42) {
      i += 2;
      continue;
    }
    out.push(bytes[i]!);
  }
  return Uint8Array.from(out);
}
