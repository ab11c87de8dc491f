// The real core.wasm.br, loaded the way WeChat loads it: by package path only.
const { callCore, CoreError, kWasmPath } = require('../../miniprogram/lib/core.js');

test('jsdom has no TextEncoder, so the loader runs on its UTF-8 fallback', () => {
  expect(typeof TextEncoder).toBe('undefined');
});

test('loads core.wasm.br through WXWebAssembly by path and answers ops', async () => {
  const version = await callCore({ op: 'core.version', v: 1 });
  expect(version.version).toBe('0.1.0');
  expect(global.WXWebAssembly.calls).toEqual([kWasmPath]);
  const day = await callCore({ op: 'calendar.local', v: 1, at_ms: 1769875199999 });
  expect(day.date).toBe('2026-01-31');
});

test('core errors arrive as CoreError with code and path, in Chinese by default', async () => {
  await expect(callCore({ op: 'calendar.local', v: 1, at_ms: 1 })).rejects.toMatchObject({
    name: 'CoreError',
    code: 'invalid_field',
    path: '$.at_ms',
  });
  await expect(callCore({ op: '不存在', v: 1 })).rejects.toThrow('未知操作：不存在');
  await expect(callCore({ op: 'x', v: 1 })).rejects.toBeInstanceOf(CoreError);
});

test('the shim refuses bytes, as WeChat does', async () => {
  await expect(global.WXWebAssembly.instantiate(new Uint8Array([0, 97, 115, 109]), {})).rejects.toThrow(/path/);
});
