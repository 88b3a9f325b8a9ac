// stdio_stdin_as (AssemblyScript 0.28 with @assemblyscript/wasi-shim):
// process.stdin.read (one fd_read per call into a 7-byte buffer, so the
// input arrives in several reads) until a read returns 0 bytes, end of
// input on the pipe (POSIX read: "If no process has the pipe open for
// writing, read() shall return 0 to indicate end-of-file"). The bytes are
// echoed upper-cased, counted, and the monotonic clock (process.hrtime,
// clock_time_get) must not go back across the reads. Exit status 4 via
// process.exit.
const buf = new ArrayBuffer(7);
let total = 0;
let lines = 0;
let out = "";
let before = process.hrtime();
let back = false;
while (true) {
  const n = process.stdin.read(buf);
  if (n == 0) break;
  const bytes = Uint8Array.wrap(buf, 0, n);
  for (let i = 0; i < n; i++) {
    let c = bytes[i];
    if (c == 10) lines++;
    if (c >= 97 && c <= 122) c -= 32;
    out += String.fromCharCode(c);
  }
  total += n;
  const now = process.hrtime();
  if (now < before) back = true;
  before = now;
}
process.stdout.write(out);
process.stdout.write("\nbytes: " + total.toString() + ", newlines: " + lines.toString() + "\n");
process.stdout.write("monotonic non-decreasing: " + (back ? "no" : "yes") + "\n");
process.exit(4);
