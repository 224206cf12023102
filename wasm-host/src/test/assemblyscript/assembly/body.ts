// body.wasm: root id "body" (buffers and inspects the request body).
export * from "./lib/entrypoints";
import "./roots/body";
