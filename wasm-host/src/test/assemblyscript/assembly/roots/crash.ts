// Root id "crash": fails on demand, so a host can prove a guest failure is contained.
//
//   x-crash: yes      -> `unreachable` in on_request_headers: a Wasm trap
//   x-crash: abort    -> an AssemblyScript abort in on_request_headers: the SDK logs it at critical
//                        level and calls wasi_unstable.proc_exit(255)
//   x-crash: response -> `unreachable` in on_response_headers, after the upstream answered
//   otherwise         -> the request gets x-crash-checked: yes and continues
// Plugin configuration: none ("" or "{}").

import {
  Context,
  FilterHeadersStatusValues,
  RootContext,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { parseConfig, readPluginConfiguration } from "../lib/plugin";

const ROOT_ID = "crash";

class CrashRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new CrashFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    return parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), []) != null;
  }
}

class CrashFilter extends Context {
  private crashOnResponse: bool = false;

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const mode = stream_context.headers.request.get("x-crash");
    if (mode == "yes") unreachable();
    if (mode == "abort") throw new Error("crash requested by x-crash: abort");
    this.crashOnResponse = mode == "response";
    stream_context.headers.request.add("x-crash-checked", "yes");
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    if (this.crashOnResponse) unreachable();
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32): RootContext => new CrashRoot(context_id), ROOT_ID);
