// Root id "headers": every header-map call on the request and the response, a local reply, and
// logging at every level. The same operations run on both maps, so one table describes both:
//
//   x-echo: V          -> x-echo-copy: V is added                         (get + add)
//   always             -> x-wasm-added: yes is added                      (add)
//   always             -> x-wasm-replace is set to "replaced"             (replace; adds if absent)
//   x-wasm-remove      -> removed                                         (remove)
//   always             -> x-header-count: N and x-header-names: a,b,...   (get pairs, before changes)
//   x-wasm-set-pairs: yes -> the map is rewritten whole without x-drop-* (get pairs + set pairs)
//
// Request only: x-deny: yes -> local reply 403, body "denied by wasm\n", header x-wasm-denied: yes.
// Response only: x-vm-config: the VM configuration given to proxy_on_vm_start ("" if none).
// Plugin configuration: {"greeting": "<text>"} (optional); it is logged on configure and on every
// request, which also logs once at trace, debug, info, warn and error; a denial logs critical.

import {
  Context,
  FilterHeadersStatusValues,
  GrpcStatusValues,
  HeaderPair,
  Headers,
  LogLevelValues,
  RootContext,
  log,
  send_local_response,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { HeaderMapTypeValues } from "@solo-io/proxy-runtime/runtime";
import { setHeaderMapPairs } from "../lib/host";
import { parseConfig, readPluginConfiguration, readVmConfiguration } from "../lib/plugin";

const ROOT_ID = "headers";

class HeadersRoot extends RootContext {
  greeting: string = "";
  vmConfig: string = "";

  createContext(context_id: u32): Context {
    return new HeadersFilter(context_id, this);
  }

  onStart(vm_configuration_size: usize): bool {
    this.vmConfig = readVmConfiguration(<u32>vm_configuration_size);
    log(LogLevelValues.info, ROOT_ID + ": vm started with configuration '" + this.vmConfig + "'");
    return true;
  }

  onConfigure(configuration_size: u32): bool {
    const config = parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), ["greeting"]);
    if (config == null) return false;
    this.greeting = config.getOr("greeting", "");
    log(LogLevelValues.info, ROOT_ID + ": configured with greeting '" + this.greeting + "'");
    return true;
  }
}

class HeadersFilter extends Context {
  private readonly config: HeadersRoot;

  constructor(context_id: u32, root: HeadersRoot) {
    super(context_id, root);
    this.config = root;
  }

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    log(LogLevelValues.trace, ROOT_ID + ": trace");
    log(LogLevelValues.debug, ROOT_ID + ": debug");
    log(LogLevelValues.info, ROOT_ID + ": greeting '" + this.config.greeting + "' for " + request.get(":path"));
    log(LogLevelValues.warn, ROOT_ID + ": warn");
    log(LogLevelValues.error, ROOT_ID + ": error");
    if (request.get("x-deny") == "yes") {
      log(LogLevelValues.critical, ROOT_ID + ": denied " + request.get(":path"));
      const headers: Headers = [new HeaderPair(String.UTF8.encode("x-wasm-denied"), String.UTF8.encode("yes"))];
      send_local_response(403, "denied_by_wasm", String.UTF8.encode("denied by wasm\n"), headers, GrpcStatusValues.InvalidCode);
      return FilterHeadersStatusValues.StopIteration;
    }
    applyHeaderOperations(true);
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    applyHeaderOperations(false);
    stream_context.headers.response.add("x-vm-config", this.config.vmConfig);
    return FilterHeadersStatusValues.Continue;
  }
}

// A flag rather than the map as a parameter: the SDK does not export the map's class.
function applyHeaderOperations(request: bool): void {
  let map = stream_context.headers.response;
  if (request) map = stream_context.headers.request;
  const pairs = map.get_headers();
  const names: string[] = [];
  for (let i = 0; i < pairs.length; i++) names.push(String.UTF8.decode(pairs[i].key));

  const echo = map.get("x-echo");
  if (echo != "") map.add("x-echo-copy", echo);
  map.add("x-wasm-added", "yes");
  map.replace("x-wasm-replace", "replaced");
  map.remove("x-wasm-remove");
  map.add("x-header-count", pairs.length.toString());
  map.add("x-header-names", names.join(","));

  if (map.get("x-wasm-set-pairs") == "yes") {
    const kept: Headers = [];
    const current = map.get_headers();
    for (let i = 0; i < current.length; i++) {
      if (!String.UTF8.decode(current[i].key).startsWith("x-drop-")) kept.push(current[i]);
    }
    setHeaderMapPairs(request ? HeaderMapTypeValues.RequestHeaders : HeaderMapTypeValues.ResponseHeaders, kept);
  }
}

registerRootContext((context_id: u32): RootContext => new HeadersRoot(context_id), ROOT_ID);
