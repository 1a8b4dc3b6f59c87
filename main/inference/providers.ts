// Execution providers, tried in order. onnxruntime-node has no silent fallback — asking for a provider whose
// libraries or device are missing throws — so each one is tried alone and the reason it was passed over is kept
// with every result.
import * as ort from 'onnxruntime-node';
import type { AiProvider, AiSkippedProvider } from '../../preload/contract';

export type Provider = AiProvider;
export type SkippedProvider = AiSkippedProvider;

/** The preferred order on this platform; the user can change it (setting `ai.providerOrder`). */
export function defaultProviderOrder(platform: NodeJS.Platform = process.platform): Provider[] {
  if (platform === 'win32') return ['dml', 'webgpu', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'webgpu', 'cpu'];
  return ['cuda', 'webgpu', 'cpu'];
}

const PLATFORM_ONLY: Partial<Record<Provider, NodeJS.Platform>> = { dml: 'win32', coreml: 'darwin' };

/** Why a provider cannot be used in this process, without trying it; null when it is worth a try. */
export function unavailableReason(provider: Provider): string | null {
  const only = PLATFORM_ONLY[provider];
  if (only && only !== process.platform) return `${provider} exists only on ${only}, this is ${process.platform}`;
  const backends = ort.listSupportedBackends().map((b) => b.name);
  if (!backends.includes(provider)) {
    return `not part of this onnxruntime-node build for ${process.platform}/${process.arch} (it has ${backends.join(', ')})`;
  }
  return null;
}

/** A failure that says the provider is missing from this machine (not that this model cannot run on it). */
export function isEnvironmentalFailure(message: string): boolean {
  return /failed to load (shared )?library|cannot open shared object|adapter|backend not found|not (supported|available)/i.test(message);
}

export function describeFailure(provider: Provider, message: string): string {
  const firstLine = message.split('\n')[0]!.slice(0, 300);
  if (provider === 'cuda' && /shared library/i.test(message)) {
    return `CUDA libraries not installed (onnxruntime-node is installed without ONNXRUNTIME_NODE_INSTALL=cuda12): ${firstLine}`;
  }
  if (provider === 'webgpu' && /adapter/i.test(message)) return `no WebGPU adapter on this machine: ${firstLine}`;
  return firstLine;
}
