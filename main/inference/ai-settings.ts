// The AI settings a user can change, stored in the database so the app, the CLI and the browser host agree.
import { AiSettingsSchema, type AiSettings } from '../../preload/contract';
import type { Db } from '../store/database';
import { defaultProviderOrder } from './providers';

const defaults = (): AiSettings => ({ providerOrder: defaultProviderOrder(), analyzeOnImport: false });

export function readAiSettings(db: Db): AiSettings {
  const rows = db.prepare('SELECT key, value FROM ai_settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const merged = AiSettingsSchema.safeParse({ ...defaults(), ...stored });
  // A value written by another Lantern version that this one cannot read falls back to the defaults.
  return merged.success ? merged.data : defaults();
}

export function writeAiSettings(db: Db, changes: Partial<AiSettings>): AiSettings {
  const next = AiSettingsSchema.parse({ ...readAiSettings(db), ...changes });
  const upsert = db.prepare('INSERT INTO ai_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(next)) upsert.run(key, JSON.stringify(value));
  })();
  return next;
}
