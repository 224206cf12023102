// state.wasm: root ids "counter" (shared data, tick), "queue" (shared queue) and "metrics".
// Plugins of these roots on one VM id share the module's shared data and queues.
export * from "./lib/entrypoints";
import "./roots/counter";
import "./roots/queue";
import "./roots/metrics";
