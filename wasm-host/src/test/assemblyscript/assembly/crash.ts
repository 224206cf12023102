// crash.wasm: root id "crash" (traps and aborts on demand). Its own module, so that a test that
// crashes it leaves the other modules' instances alone.
export * from "./lib/entrypoints";
import "./roots/crash";
