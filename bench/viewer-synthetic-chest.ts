// A synthetic frontal chest radiograph (12 bits stored in 16): body, two darker lung fields, mediastinum and spine,
// ribs, diaphragm domes and detector noise. Plausible grey-level statistics for the viewer; no anatomy claims.
export function syntheticChest(rows: number, columns: number, seed = 1): Uint16Array {
  const pixels = new Uint16Array(rows * columns);
  let state = seed >>> 0;
  const noise = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const cx = columns / 2;
  for (let y = 0; y < rows; y += 1) {
    const v = y / rows;
    for (let x = 0; x < columns; x += 1) {
      const u = (x - cx) / columns;
      // Outside the body: direct exposure, dark (MONOCHROME2: low values are dark).
      const body = (u / 0.46) ** 2 + ((v - 0.52) / 0.55) ** 2 < 1;
      let value = body ? 2600 : 300;
      if (body) {
        const lungLeft = ((u + 0.19) / 0.15) ** 2 + ((v - 0.42) / 0.3) ** 2 < 1;
        const lungRight = ((u - 0.19) / 0.15) ** 2 + ((v - 0.42) / 0.3) ** 2 < 1;
        const dome = v > 0.68 + 0.06 * Math.cos(((Math.abs(u) - 0.19) / 0.15) * Math.PI * 0.5);
        if ((lungLeft || lungRight) && !dome) {
          value = 1100;
          // Ribs: curved bright bands across each lung field.
          const rib = Math.sin((v * 14 + Math.abs(u) * 3.2) * Math.PI);
          if (rib > 0.72) value += 520;
          // Vessels fade towards the periphery.
          value += 260 * Math.exp(-(((Math.abs(u) - 0.08) / 0.05) ** 2)) * (1 - v);
        }
        if (Math.abs(u) < 0.035) value = 3300; // spine
        else if (Math.abs(u + 0.02) < 0.09 && v > 0.25 && v < 0.7) value = Math.max(value, 2900); // mediastinum
      }
      pixels[y * columns + x] = Math.max(0, Math.min(4095, Math.round(value + noise() * 90)));
    }
  }
  return pixels;
}
