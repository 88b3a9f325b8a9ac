// args_as (AssemblyScript 0.28 with @assemblyscript/wasi-shim): the shim's
// process.argv is filled from args_sizes_get/args_get and decoded as UTF-8;
// each argument arrives unchanged (spaces, the empty string, '=', UTF-8),
// witx args_get: "Read command-line argument data". argv[0] is the
// runtime's choice and is not printed. process.exit(N) ends the command
// with status N through proc_exit (witx: "The exit code returned by the
// process"): here the number of arguments after argv[0].
const argv = process.argv;
process.stdout.write("count: " + argv.length.toString() + "\n");
for (let i = 1; i < argv.length; i++) {
  const a = argv[i];
  process.stdout.write("arg " + i.toString() + ": [" + a + "] " + String.UTF8.byteLength(a).toString() + " bytes\n");
}
process.exit(argv.length - 1);
