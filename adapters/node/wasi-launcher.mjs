// Runs one WASI preview1 command under Node's built-in `node:wasi`, for the
// wasi-conformance node adapter. Usage:
//   node wasi-launcher.mjs [--dir GUEST=HOST]... [--env KEY=VALUE]... -- MODULE [ARGS...]
// argv[0] is the module's file name, as wasmtime gives it. The exit code is the
// guest's (modulo 256, as the OS keeps it). The launcher's own failures are
// marked on stderr so the adapter's classifier can tell them from the guest's:
//   "launcher: rejected: ..."  the module did not compile or link   (exit 125)
//   "launcher: wasm trap: ..." the guest trapped                    (exit 134)
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

const preopens = {};
const env = {};
const argv = process.argv.slice(2);
let i = 0;
for (; i < argv.length && argv[i] !== '--'; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1] ?? ''];
  const eq = value.indexOf('=');
  if (eq < 0 || (flag !== '--dir' && flag !== '--env')) {
    process.stderr.write(`launcher: bad argument ${flag} ${value}\n`);
    process.exit(2);
  }
  const [key, val] = [value.slice(0, eq), value.slice(eq + 1)];
  if (flag === '--dir') preopens[key] = val; else env[key] = val;
}
const [modulePath, ...args] = argv.slice(i + 1);

let instance;
let wasi;
try {
  const module = await WebAssembly.compile(await readFile(modulePath));
  wasi = new WASI({ version: 'preview1', args: [basename(modulePath), ...args], env, preopens, returnOnExit: true });
  instance = await WebAssembly.instantiate(module, wasi.getImportObject());
} catch (e) {
  process.stderr.write(`launcher: rejected: ${e && e.message}\n`);
  process.exit(125);
}

let code;
try {
  code = wasi.start(instance);
} catch (e) {
  process.stderr.write(`launcher: wasm trap: ${e && e.message}\n`);
  process.exit(134);
}
process.exitCode = code;
