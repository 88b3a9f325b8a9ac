// Runs one WASI preview1 command under Node's built-in `node:wasi`, for the
// wasi-conformance node adapter. Usage:
//   node wasi-launcher.mjs [--dir GUEST=HOST]... [--env KEY=VALUE]... -- MODULE [ARGS...]
// argv[0] is the module's file name, as wasmtime gives it. The exit code is the
// guest's (modulo 256, as the OS keeps it). The launcher's own failures are
// marked on stderr so the adapter's classifier can tell them from the guest's:
//   "launcher: rejected: ..."  the module did not compile or link   (exit 125)
//   "launcher: wasm trap: ..." the guest trapped                    (exit 134)
// A trap while instantiating (the start function, a segment out of bounds)
// is a trap, not a refusal; a Wasm exception nothing caught is reported as
// "uncaught exception"; a module with no `_start` runs nothing (exit 0), as
// wasmtime runs an empty command.
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
  if (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError || !isTrap(e)) {
    process.stderr.write(`launcher: rejected: ${e && e.message}\n`);
    process.exit(125);
  }
  trapped(e);
}

// What Wasm code can throw: a trap (a RuntimeError, or V8's RangeError for
// an exhausted stack) or an exception nothing caught.
function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || e instanceof RangeError ||
    (typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception);
}

function trapped(e) {
  const isException = typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception;
  const message = isException ? 'uncaught exception (a Wasm exception nothing caught)' : e && e.message;
  process.stderr.write(`launcher: wasm trap: ${message}\n`);
  process.exit(134);
}

let code;
try {
  code = typeof instance.exports._start === 'function' ? wasi.start(instance) : 0;
} catch (e) {
  trapped(e);
}
process.exitCode = code;
