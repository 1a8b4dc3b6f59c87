// Schema migrations, applied in order inside one transaction each. Never edit a shipped migration: add one.
export const MIGRATIONS: readonly string[] = [
  /* 1: patient → study → series → instance index, imports and their rejections */ `
  CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    patient_id TEXT NOT NULL,
    patient_name TEXT NOT NULL,
    birth_date TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    UNIQUE (patient_id, patient_name, birth_date)
  );

  CREATE TABLE studies (
    id INTEGER PRIMARY KEY,
    study_uid TEXT NOT NULL UNIQUE,
    patient_ref INTEGER NOT NULL REFERENCES patients(id),
    -- Copied from the patient so that the worklist sorts and filters on one indexed table.
    patient_name TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    patient_sex TEXT NOT NULL DEFAULT '',
    patient_birth_date TEXT NOT NULL DEFAULT '',
    patient_age TEXT NOT NULL DEFAULT '',
    study_date TEXT NOT NULL DEFAULT '',
    study_time TEXT NOT NULL DEFAULT '',
    accession TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    referring_physician TEXT NOT NULL DEFAULT '',
    institution TEXT NOT NULL DEFAULT '',
    modalities TEXT NOT NULL DEFAULT '',
    series_count INTEGER NOT NULL DEFAULT 0,
    instance_count INTEGER NOT NULL DEFAULT 0,
    read_status TEXT NOT NULL DEFAULT 'unread' CHECK (read_status IN ('unread', 'in_progress', 'final')),
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX studies_patient ON studies(patient_ref);
  CREATE INDEX studies_date ON studies(study_date, study_time);
  CREATE INDEX studies_name ON studies(patient_name COLLATE NOCASE);
  CREATE INDEX studies_pid ON studies(patient_id);
  CREATE INDEX studies_accession ON studies(accession);
  CREATE INDEX studies_status_date ON studies(read_status, study_date);
  CREATE INDEX studies_modalities ON studies(modalities);
  CREATE INDEX studies_description ON studies(description COLLATE NOCASE);
  CREATE INDEX studies_sex ON studies(patient_sex);
  CREATE INDEX studies_age ON studies(patient_age);
  CREATE INDEX studies_series_count ON studies(series_count);
  CREATE INDEX studies_instance_count ON studies(instance_count);

  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    series_uid TEXT NOT NULL UNIQUE,
    study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    modality TEXT NOT NULL DEFAULT '',
    series_number INTEGER,
    description TEXT NOT NULL DEFAULT '',
    body_part TEXT NOT NULL DEFAULT '',
    instance_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX series_study ON series(study_ref);

  CREATE TABLE instances (
    id INTEGER PRIMARY KEY,
    sop_uid TEXT NOT NULL UNIQUE,
    series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    sop_class_uid TEXT NOT NULL DEFAULT '',
    instance_number INTEGER,
    transfer_syntax TEXT NOT NULL,
    rows INTEGER,
    columns INTEGER,
    frames INTEGER NOT NULL DEFAULT 1,
    photometric TEXT NOT NULL DEFAULT '',
    -- The instance's bytes: a pack file relative to the data directory's store/ folder, and a range in it.
    file_path TEXT NOT NULL,
    file_offset INTEGER NOT NULL,
    file_size INTEGER NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX instances_series ON instances(series_ref);

  -- Keep the denormalized counts right inside the same transaction as the insert. (Instance counts are added
  -- once per series and study per import batch by the index writer: a trigger per instance cost a quarter of the
  -- import's time.)
  CREATE TRIGGER series_added AFTER INSERT ON series BEGIN
    UPDATE studies SET series_count = series_count + 1,
      modalities = CASE
        WHEN NEW.modality = '' OR instr('\\' || modalities || '\\', '\\' || NEW.modality || '\\') > 0 THEN modalities
        WHEN modalities = '' THEN NEW.modality
        ELSE modalities || '\\' || NEW.modality END
    WHERE id = NEW.study_ref;
  END;
  -- Each study's modalities, one row each, so that a modality filter is an index lookup, not a string scan.
  CREATE TABLE study_modalities (
    modality TEXT NOT NULL,
    study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    PRIMARY KEY (modality, study_ref)
  ) WITHOUT ROWID;
  CREATE INDEX study_modalities_study ON study_modalities(study_ref);
  CREATE TRIGGER series_modality_added AFTER INSERT ON series WHEN NEW.modality <> '' BEGIN
    INSERT OR IGNORE INTO study_modalities (modality, study_ref) VALUES (NEW.modality, NEW.study_ref);
  END;

  -- Trigram search over name, ID and accession (substring match in any position, case-insensitive).
  CREATE VIRTUAL TABLE study_search USING fts5(
    patient_name, patient_id, accession, content='', contentless_delete=1, tokenize='trigram'
  );
  CREATE TRIGGER study_search_insert AFTER INSERT ON studies BEGIN
    INSERT INTO study_search(rowid, patient_name, patient_id, accession)
      VALUES (NEW.id, NEW.patient_name, NEW.patient_id, NEW.accession);
  END;
  CREATE TRIGGER study_search_delete AFTER DELETE ON studies BEGIN
    DELETE FROM study_search WHERE rowid = OLD.id;
  END;

  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    sources TEXT NOT NULL,
    -- The process running it, so that a later start can tell an import that died from one still going.
    pid INTEGER,
    state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'cancelled', 'failed')),
    seen INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT
  );
  CREATE TABLE import_rejections (
    id INTEGER PRIMARY KEY,
    import_ref INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  CREATE INDEX import_rejections_import ON import_rejections(import_ref);
  `,
  /* 2: AI second opinion — installed models, results (history kept per model version), skipped images,
     per-study status for the worklist, settings */ `
  CREATE TABLE ai_models (
    id INTEGER PRIMARY KEY,
    model_id TEXT NOT NULL,
    version TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    -- The validated manifest.json, as installed.
    manifest TEXT NOT NULL,
    -- Folder relative to the data directory.
    directory TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'broken')),
    broken_reason TEXT,
    installed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (model_id, version)
  );

  -- One row per (image, model version, run); a newer model version adds rows, nothing is overwritten.
  CREATE TABLE ai_results (
    id INTEGER PRIMARY KEY,
    study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    sop_uid TEXT NOT NULL,
    model_ref INTEGER NOT NULL REFERENCES ai_models(id),
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    model_sha256 TEXT NOT NULL,
    execution_provider TEXT NOT NULL,
    -- JSON [{provider, reason}]: the preferred providers that were not used, and why.
    skipped_providers TEXT NOT NULL DEFAULT '[]',
    windowing TEXT NOT NULL,
    -- JSON [{label, score, positive, box?}]
    findings TEXT NOT NULL,
    top_label TEXT,
    top_score REAL,
    heatmap BLOB,
    heatmap_width INTEGER,
    heatmap_height INTEGER,
    decode_ms REAL NOT NULL,
    preprocess_ms REAL NOT NULL,
    infer_ms REAL NOT NULL,
    store_ms REAL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX ai_results_study ON ai_results(study_ref, created_at);

  -- Images a model did not read, with the reason (wrong modality, unreadable, unsupported encoding).
  CREATE TABLE ai_skips (
    id INTEGER PRIMARY KEY,
    study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
    sop_uid TEXT NOT NULL,
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX ai_skips_study ON ai_skips(study_ref);

  -- What the worklist shows per study: LEFT JOIN ai_study_status ON study_ref = studies.id.
  CREATE TABLE ai_study_status (
    study_ref INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    reason TEXT,
    -- The highest-scoring positive finding of the latest run (NULL when nothing is positive).
    top_label TEXT,
    top_score REAL,
    top_model_id TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX ai_study_status_state ON ai_study_status(state);

  CREATE TABLE ai_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 3: where a result's heatmap lies on the image (JSON [x0, y0, x1, y1] in pixels), so it can be drawn there */ `
  ALTER TABLE ai_results ADD COLUMN heatmap_region TEXT;
  `,
];
