import { describe, expect, it } from 'vitest';
import { addressKind, normalizeBaseUrl } from '../../../../src/engines/openai-server/address';

describe('server addresses', () => {
  it('keeps the base URL without a trailing /v1 or slash', () => {
    expect(normalizeBaseUrl(' http://127.0.0.1:11434/ ')).toBe('http://127.0.0.1:11434');
    expect(normalizeBaseUrl('http://localhost:8000/v1/')).toBe('http://localhost:8000');
    expect(normalizeBaseUrl('https://gpu.lan/llm/v1')).toBe('https://gpu.lan/llm');
    // An endpoint copied from a curl line or the server's docs.
    expect(normalizeBaseUrl('http://127.0.0.1:8080/v1/chat/completions')).toBe(
      'http://127.0.0.1:8080',
    );
    expect(normalizeBaseUrl('http://127.0.0.1:1234/v1/models/')).toBe('http://127.0.0.1:1234');
  });

  it('refuses what is not an http(s) address', () => {
    expect(() => normalizeBaseUrl('ftp://127.0.0.1')).toThrow(/http:\/\/host:port/);
    expect(() => normalizeBaseUrl('127.0.0.1:11434')).toThrow();
  });

  it('tells loopback and private addresses from public ones', () => {
    expect(addressKind('http://127.0.0.1:11434')).toBe('loopback');
    expect(addressKind('http://localhost:8080')).toBe('loopback');
    expect(addressKind('http://[::1]:8000')).toBe('loopback');
    expect(addressKind('http://192.168.1.20:8000')).toBe('private');
    expect(addressKind('http://10.0.0.5:8000')).toBe('private');
    expect(addressKind('http://172.16.0.1:8000')).toBe('private');
    expect(addressKind('http://[fd12::1]:8000')).toBe('private');
    expect(addressKind('http://172.32.0.1:8000')).toBe('public');
    expect(addressKind('https://api.example.com')).toBe('public');
    expect(addressKind('http://8.8.8.8')).toBe('public');
  });
});
