// Compiles every assembly/*.ts entry file to <out>/<name>.wasm in one Node process.
//
//   node build.js <out-dir>
//
// One process rather than one `asc` per module saves a compiler start-up per module on a busy
// build machine. A module whose .wasm is newer than every source it can import (its own
// assembly/ tree, the add-header example's shared files, the lock file and this script) is
// left alone, so a repeated `mvn verify` does not recompile unchanged guests.
"use strict";

const fs = require("fs");
const path = require("path");
const asc = require("assemblyscript/cli/asc");

// The flags the SDK asks for: its abort handler logs through proxy_log instead of importing
// the JavaScript host's env.abort, which a proxy-wasm host does not have.
const FLAGS = ["--use", "abort=abort_proc_exit", "--optimize"];

const here = __dirname;
const outDir = path.resolve(process.argv[2] || path.join(here, "build"));
const entryDir = path.join(here, "assembly");
const sharedDir = path.join(here, "..", "..", "..", "examples", "add-header", "assembly");

function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  visit(entryDir);
  visit(sharedDir);
  for (const file of [path.join(here, "package-lock.json"), __filename]) {
    newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function compile(entry, output) {
  const args = [path.relative(here, entry), ...FLAGS, "--binaryFile", output, "--baseDir", here];
  let failure = null;
  const code = asc.main(args, { stdout: process.stdout, stderr: process.stderr }, (err) => {
    failure = err;
    return err ? 1 : 0;
  });
  if (failure) throw failure;
  if (code !== 0) throw new Error("asc exited with " + code + " for " + entry);
}

asc.ready.then(() => {
  fs.mkdirSync(outDir, { recursive: true });
  const newest = newestSource();
  const entries = fs.readdirSync(entryDir).filter((name) => name.endsWith(".ts")).sort();
  if (entries.length === 0) throw new Error("no entry files in " + entryDir);
  for (const name of entries) {
    const output = path.join(outDir, name.replace(/\.ts$/, ".wasm"));
    if (fs.existsSync(output) && fs.statSync(output).mtimeMs > newest) {
      console.log("up to date: " + path.basename(output));
      continue;
    }
    compile(path.join(entryDir, name), output);
    console.log("compiled:   " + path.basename(output));
  }
}).catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exitCode = 1;
});
