/**
 * Checks, before anything is downloaded, whether this browser can run WebLLM: a secure context,
 * WebGPU, an adapter, shader-f16, whether the adapter is a software fallback, and the limits
 * WebLLM asks for. Takes a navigator-like object so it runs in Node tests.
 */

/** The limits WebLLM's runtime checks when it creates a device. */
export interface GpuLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeInvocationsPerWorkgroup: number;
}

export interface GpuAdapterLike {
  readonly features: { has(name: string): boolean };
  readonly limits: Partial<GpuLimits>;
  readonly info?: {
    vendor?: string;
    architecture?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  /** Older Chromium put the flag on the adapter itself. */
  readonly isFallbackAdapter?: boolean;
}

export interface ProbeEnvironment {
  isSecureContext: boolean;
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
  /** `navigator.deviceMemory` (GB), for the catalog's memory estimate (see model-fit). */
  deviceMemoryGB?: number;
}

export type GpuStatus =
  'ready' | 'no-secure-context' | 'no-webgpu' | 'no-adapter' | 'limits-too-low' | 'probe-failed';

export interface GpuReport {
  status: GpuStatus;
  /** True when WebLLM models can be offered at all. */
  usable: boolean;
  secureContext: boolean;
  webgpu: boolean;
  adapter: { vendor: string; architecture: string; description: string } | null;
  /** A software (CPU) adapter: works, but far too slowly for real runs. */
  fallbackAdapter: boolean;
  shaderF16: boolean;
  limits: GpuLimits | null;
  /** Storage buffers under 1 GB: only models marked low-resource fit. */
  lowResourceOnly: boolean;
  /** A GPU for which the smallest models are the sensible choice. */
  weak: boolean;
  /** One sentence per finding, for the user. */
  findings: string[];
  summary: string;
}

const MB = 1024 * 1024;
/** What WebLLM refuses to start without (its fallback minimums). */
export const WEBLLM_MINIMUM_LIMITS: GpuLimits = {
  maxBufferSize: 256 * MB,
  maxStorageBufferBindingSize: 128 * MB,
  maxComputeWorkgroupStorageSize: 32 * 1024,
  maxStorageBuffersPerShaderStage: 10,
  maxComputeInvocationsPerWorkgroup: 256,
};
/** What WebLLM asks for first; below it only low-resource models are loaded. */
const PREFERRED_BUFFER_BYTES = 1024 * MB;

// What to do when no GPU can be had: the words end the findings, after what was found.
const GPU_FIX =
  "update the graphics driver or turn on hardware acceleration in the browser's settings (in Chrome: chrome://settings/system)";
const OWN_SERVER =
  'connect a model server of your own (Local server, below), which needs no GPU here';

/** Probes the GPU and describes the result in words. Never throws. */
export async function probeGpu(env: ProbeEnvironment): Promise<GpuReport> {
  const base: GpuReport = {
    status: 'ready',
    usable: false,
    secureContext: env.isSecureContext,
    webgpu: env.gpu !== undefined,
    adapter: null,
    fallbackAdapter: false,
    shaderF16: false,
    limits: null,
    lowResourceOnly: false,
    weak: false,
    findings: [],
    summary: '',
  };
  if (!env.isSecureContext)
    return finish(base, 'no-secure-context', [
      'This page is not a secure context (https:// or localhost), so the browser hides WebGPU.',
      'To use real models, open the app at an https:// address or on localhost.',
    ]);
  if (!env.gpu)
    return finish(base, 'no-webgpu', [
      'This browser does not offer WebGPU (navigator.gpu is missing).',
      `To use real models, open the app in a recent Chrome or Edge (or turn WebGPU on in this browser's settings), or ${OWN_SERVER}.`,
    ]);
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await env.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return finish(base, 'probe-failed', [
      `Asking for a GPU adapter failed: ${why}`,
      `To use real models, reload the page; if it fails again, ${GPU_FIX}, or ${OWN_SERVER}.`,
    ]);
  }
  if (!adapter)
    return finish(base, 'no-adapter', [
      'WebGPU is present, but no GPU adapter is available (no GPU, a blocked GPU, or an unsupported driver).',
      `To use real models, ${GPU_FIX} and reload, or ${OWN_SERVER}.`,
    ]);
  return describeAdapter(base, adapter);
}

function describeAdapter(base: GpuReport, adapter: GpuAdapterLike): GpuReport {
  const findings: string[] = [];
  const info = adapter.info ?? {};
  const report: GpuReport = {
    ...base,
    adapter: {
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      description: info.description ?? '',
    },
    fallbackAdapter: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true,
    shaderF16: adapter.features.has('shader-f16'),
    limits: readLimits(adapter),
  };
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  findings.push(`A WebGPU adapter is available${name ? ` (${name})` : ''}.`);
  if (report.fallbackAdapter)
    findings.push(
      'It is a software (fallback) adapter that runs on the CPU: models load but answer very slowly. The stand-in model is the practical choice here.',
    );
  findings.push(
    report.shaderF16
      ? 'It supports 16-bit float shaders (shader-f16), so the smaller f16 models can be used.'
      : 'It lacks 16-bit float shaders (shader-f16), so only 32-bit (f32) model variants are offered.',
  );
  const limits = report.limits as GpuLimits;
  const short = (Object.keys(WEBLLM_MINIMUM_LIMITS) as (keyof GpuLimits)[]).filter(
    (k) => limits[k] < WEBLLM_MINIMUM_LIMITS[k],
  );
  if (short.length > 0) {
    findings.push(
      `Its limits are below what WebLLM needs (${short.map((k) => `${k} ${limits[k]} < ${WEBLLM_MINIMUM_LIMITS[k]}`).join(', ')}).`,
    );
    return finish(report, 'limits-too-low', findings);
  }
  report.lowResourceOnly =
    limits.maxStorageBufferBindingSize < PREFERRED_BUFFER_BYTES ||
    limits.maxBufferSize < PREFERRED_BUFFER_BYTES;
  if (report.lowResourceOnly)
    findings.push(
      `Its storage buffers are limited to ${Math.round(limits.maxStorageBufferBindingSize / MB).toLocaleString('en')} MB, so only small (low-resource) models are offered.`,
    );
  report.weak = report.fallbackAdapter || report.lowResourceOnly;
  return finish(report, 'ready', findings);
}

function readLimits(adapter: GpuAdapterLike): GpuLimits {
  const l = adapter.limits;
  return {
    maxBufferSize: l.maxBufferSize ?? 0,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize ?? 0,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize ?? 0,
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage ?? 0,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup ?? 0,
  };
}

function finish(report: GpuReport, status: GpuStatus, findings: string[]): GpuReport {
  const usable = status === 'ready';
  let summary: string;
  if (status === 'ready' && report.fallbackAdapter)
    summary =
      'Only a software WebGPU adapter is available: real models would be very slow. Use the stand-in model, or try a small f32 model with patience.';
  else if (status === 'ready')
    summary = report.weak
      ? 'This GPU can run WebLLM, but only the smallest models are recommended.'
      : 'This GPU can run WebLLM models.';
  else
    summary =
      'No usable GPU was found, so real models cannot run here. The stand-in model (no GPU needed) is offered instead.';
  return { ...report, status, usable, findings: [...report.findings, ...findings], summary };
}
