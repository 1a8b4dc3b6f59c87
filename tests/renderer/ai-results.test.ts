// How the AI panel reads stored results: newest version per model with older versions as history, the newest run
// per image, skipped images attached to their run, and findings ordered by the attention they ask for.
import { describe, expect, it } from 'vitest';
import type { AiFinding, AiModelSummary, AiResult, AiSkippedImage } from '../../preload/contract';
import { groupByModel, sortFindings, unmatchedSkips, verdict } from '../../renderer/ai/ai-results';

const finding = (label: string, score: number, positive = score >= 0.5): AiFinding => ({ label, score, positive });

function result(modelId: string, modelVersion: string, sopInstanceUid: string, createdAt: string, findings: AiFinding[] = []): AiResult {
  return {
    sopInstanceUid,
    modelId,
    modelVersion,
    modelSha256: 'a'.repeat(64),
    executionProvider: 'cpu',
    skippedProviders: [],
    windowing: 'minmax',
    findings,
    heatmap: null,
    timings: { decodeMs: 1, preprocessMs: 2, inferMs: 3, storeMs: 0.5 },
    createdAt,
  };
}

function card(modelId: string, version: string): AiModelSummary {
  return {
    modelId,
    version,
    name: `${modelId} model`,
    licence: 'MIT',
    intendedUse: 'tests',
    task: 'multi-label-classification',
    labels: ['Normal', 'Effusion'],
    thresholds: { Normal: 0.5, Effusion: 0.5 },
    normalLabels: ['Normal'],
    sha256: 'a'.repeat(64),
    state: 'ready',
    brokenReason: null,
    installedAt: '2026-01-01T00:00:00Z',
    latest: version === '2.0.0',
  };
}

describe('AI results as the panel shows them', () => {
  // Newest first, as the store returns them: v2 re-run, v2 first run (image B), v1 (image A), another model.
  const results = [
    result('cxr', '2.0.0', 'A', '2026-01-03T00:00:00Z', [finding('Effusion', 0.8)]),
    result('cxr', '2.0.0', 'B', '2026-01-02T00:00:01Z', [finding('Effusion', 0.1)]),
    result('cxr', '2.0.0', 'A', '2026-01-02T00:00:00Z', [finding('Effusion', 0.3)]),
    result('cxr', '1.0.0', 'A', '2026-01-01T00:00:00Z', [finding('Effusion', 0.6)]),
    result('boxes', '0.1.0', 'A', '2025-12-31T00:00:00Z'),
  ];
  const skipped: AiSkippedImage[] = [
    { sopInstanceUid: 'MR', modelId: 'cxr', modelVersion: '2.0.0', reason: 'modality "MR" is not one this model reads' },
    { sopInstanceUid: 'MR', modelId: 'cxr', modelVersion: '2.0.0', reason: 'modality "MR" is not one this model reads' },
    { sopInstanceUid: 'MR', modelId: 'gone', modelVersion: '1.0.0', reason: 'no model' },
  ];

  it('puts each model’s newest version first, keeps older versions as history, and reads the newest run per image', () => {
    const groups = groupByModel(results, skipped, [card('cxr', '2.0.0'), card('cxr', '1.0.0')]);
    expect(groups.map((group) => group.modelId)).toEqual(['cxr', 'boxes']);
    const [cxr, boxes] = groups;
    expect(cxr!.latest.modelVersion).toBe('2.0.0');
    expect(cxr!.latest.images.map((image) => [image.sopInstanceUid, image.findings[0]!.score])).toEqual([
      ['B', 0.1],
      ['A', 0.8],
    ]);
    expect(cxr!.earlier.map((run) => run.modelVersion)).toEqual(['1.0.0']);
    expect(cxr!.latest.skipped).toHaveLength(1);
    expect(cxr!.latest.model?.name).toBe('cxr model');
    // A version no longer installed keeps its results, without a card.
    expect(boxes!.latest.model).toBeNull();
  });

  it('keeps skipped images of model versions without any result apart, once each', () => {
    const groups = groupByModel(results, skipped, []);
    expect(unmatchedSkips(skipped, groups).map((skip) => skip.modelId)).toEqual(['gone']);
  });

  it('orders positive findings first, then a positive "Normal", then the rest, and says so in one line', () => {
    const normal = new Set(['Normal']);
    const findings = [finding('Normal', 0.7), finding('Nodule', 0.2), finding('Effusion', 0.55), finding('Mass', 0.9)];
    expect(sortFindings(findings, normal).map((f) => f.label)).toEqual(['Mass', 'Effusion', 'Normal', 'Nodule']);
    expect(verdict(findings, normal)).toEqual({ positive: true, text: 'Positive: Mass 90.0%, Effusion 55.0%' });
    expect(verdict([finding('Normal', 0.7), finding('Nodule', 0.2)], normal)).toEqual({
      positive: false,
      text: 'No finding above its operating point (Normal 70.0%)',
    });
  });
});
