// http_call.wasm: root id "http_call" (pause on proxy_http_call, resume on its answer).
export * from "./lib/entrypoints";
import "./roots/http_call";
