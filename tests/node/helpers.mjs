// Shared by the Node suites: where the built artefacts are.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = process.env.CLINIC_SOURCE_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wasmPath = process.env.CLINIC_WASM || join(sourceDir, 'build', 'wasm-release', 'wasm', 'core.wasm');
export const cliPath = process.env.CLINIC_CORE_CLI || join(sourceDir, 'build', 'native-debug', 'cli', 'clinic-core');
export const vectorsDir = join(sourceDir, 'tests', 'vectors');

export function requireBuilt(path) {
  if (!existsSync(path)) throw new Error(`missing build artefact ${path}: run scripts/test (it builds native + wasm)`);
  return path;
}
