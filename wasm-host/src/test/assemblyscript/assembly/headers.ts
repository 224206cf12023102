// headers.wasm: root ids "headers" (header maps, local reply, logging) and "properties".
// Two roots in one module, so a host must pick the root by plugin_root_id.
export * from "./lib/entrypoints";
import "./roots/headers";
import "./roots/properties";
