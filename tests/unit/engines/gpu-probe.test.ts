import { describe, expect, it } from 'vitest';
import { probeGpu, type GpuAdapterLike, type GpuLimits } from '../../../src/engines/gpu-probe';

const GB = 1024 * 1024 * 1024;
const goodLimits: GpuLimits = {
  maxBufferSize: 2 * GB,
  maxStorageBufferBindingSize: 2 * GB,
  maxComputeWorkgroupStorageSize: 32768,
  maxStorageBuffersPerShaderStage: 10,
  maxComputeInvocationsPerWorkgroup: 1024,
};

function adapter(opts: {
  f16?: boolean;
  fallback?: boolean;
  legacyFallbackFlag?: boolean;
  limits?: Partial<GpuLimits>;
}): GpuAdapterLike {
  return {
    features: new Set(opts.f16 ? ['shader-f16'] : []),
    limits: { ...goodLimits, ...opts.limits },
    info: {
      vendor: 'acme',
      architecture: 'x1',
      description: '',
      ...(opts.fallback ? { isFallbackAdapter: true } : {}),
    },
    ...(opts.legacyFallbackFlag ? { isFallbackAdapter: true } : {}),
  };
}

function env(a: GpuAdapterLike | null | Error, isSecureContext = true) {
  return {
    isSecureContext,
    gpu: {
      requestAdapter: async () => {
        if (a instanceof Error) throw a;
        return a;
      },
    },
  };
}

describe('probeGpu', () => {
  it('reports an insecure context before looking for WebGPU', async () => {
    const r = await probeGpu(env(adapter({ f16: true }), false));
    expect(r).toMatchObject({ status: 'no-secure-context', usable: false });
    expect(r.findings.join(' ')).toMatch(/secure context/);
  });

  it('reports a browser without navigator.gpu', async () => {
    const r = await probeGpu({ isSecureContext: true });
    expect(r).toMatchObject({ status: 'no-webgpu', usable: false, webgpu: false });
    expect(r.summary).toMatch(/stand-in/);
  });

  it('reports no adapter when requestAdapter returns null', async () => {
    const r = await probeGpu(env(null));
    expect(r).toMatchObject({ status: 'no-adapter', usable: false, webgpu: true, adapter: null });
    expect(r.findings.join(' ')).toMatch(/no GPU adapter/);
  });

  it('reports a failing requestAdapter without throwing', async () => {
    const r = await probeGpu(env(new Error('GPU process crashed')));
    expect(r).toMatchObject({ status: 'probe-failed', usable: false });
    expect(r.findings.join(' ')).toContain('GPU process crashed');
  });

  it('says what to do, after what is wrong, whenever no GPU can be used', async () => {
    const reports = await Promise.all([
      probeGpu(env(adapter({ f16: true }), false)),
      probeGpu({ isSecureContext: true }),
      probeGpu(env(null)),
      probeGpu(env(new Error('GPU process crashed'))),
    ]);
    for (const r of reports) {
      expect(r.usable).toBe(false);
      expect(r.findings.at(-1)).toMatch(/^To use real models, /);
    }
    expect(reports[0]!.findings.at(-1)).toMatch(/https:\/\/ address or on localhost/);
    expect(reports[1]!.findings.at(-1)).toMatch(/Chrome or Edge/);
    expect(reports[2]!.findings.at(-1)).toMatch(/graphics driver.*hardware acceleration/);
    expect(reports[2]!.findings.at(-1)).toMatch(/Local server/);
  });

  it('reports a capable GPU with shader-f16', async () => {
    const r = await probeGpu(env(adapter({ f16: true })));
    expect(r).toMatchObject({
      status: 'ready',
      usable: true,
      shaderF16: true,
      fallbackAdapter: false,
      weak: false,
    });
    expect(r.adapter?.vendor).toBe('acme');
  });

  it('reports a software fallback adapter without f16 as weak (info flag and legacy flag)', async () => {
    for (const a of [adapter({ fallback: true }), adapter({ legacyFallbackFlag: true })]) {
      const r = await probeGpu(env(a));
      expect(r).toMatchObject({
        status: 'ready',
        fallbackAdapter: true,
        shaderF16: false,
        weak: true,
      });
      expect(r.findings.join(' ')).toMatch(/fallback/);
      expect(r.findings.join(' ')).toMatch(/lacks 16-bit/);
    }
  });

  it('marks storage buffers under 1 GB as low-resource only', async () => {
    const r = await probeGpu(
      env(adapter({ f16: true, limits: { maxStorageBufferBindingSize: 256 * 1024 * 1024 } })),
    );
    expect(r).toMatchObject({ status: 'ready', lowResourceOnly: true, weak: true });
  });

  it('reports limits below what WebLLM needs as unusable', async () => {
    const r = await probeGpu(env(adapter({ limits: { maxStorageBuffersPerShaderStage: 8 } })));
    expect(r).toMatchObject({ status: 'limits-too-low', usable: false });
    expect(r.findings.join(' ')).toContain('maxStorageBuffersPerShaderStage 8 < 10');
  });
});
