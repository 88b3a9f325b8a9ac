// environ_as (AssemblyScript 0.28 with @assemblyscript/wasi-shim): the
// shim's process.env map is filled from environ_sizes_get/environ_get and
// holds exactly the variables the runner passes (the host's are not
// inherited), split at the first '=' (POSIX environ: "name=value"), empty
// values kept. Keys are sorted (the order is unspecified).
const env = process.env;
const keys = env.keys();
keys.sort();
process.stdout.write("count: " + keys.length.toString() + "\n");
for (let i = 0; i < keys.length; i++) {
  process.stdout.write(keys[i] + "=[" + env.get(keys[i]) + "]\n");
}
process.stdout.write("PATH present: " + (env.has("PATH") ? "yes" : "no") + "\n");
