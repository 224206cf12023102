// add-header: a proxy-wasm HTTP filter for Archway, written in AssemblyScript.
//
// It sets one request header, named and valued by the plugin configuration, on every request
// that goes upstream, and marks every response with `x-wasm-filter: add-header`.
//
// Plugin configuration (TrafficPolicy.wasm[].config), a JSON object of strings:
//   {"header": "x-hello", "value": "world"}
// Root id (TrafficPolicy.wasm[].rootId): add_header

// Exporting the proxy-wasm entry points (proxy_on_context_create, proxy_on_request_headers,
// malloc, ...) is what makes this a proxy-wasm module. entrypoints.ts says why they are not the
// SDK's "@solo-io/proxy-runtime/proxy".
export * from "./entrypoints";
import { registerRootContext } from "./root_registry";
import {
  Context,
  FilterHeadersStatusValues,
  LogLevelValues,
  RootContext,
  log,
  stream_context,
} from "@solo-io/proxy-runtime";
import { BufferTypeValues, get_buffer_bytes } from "@solo-io/proxy-runtime/runtime";
import { parseFlatJson } from "./flat_json";

const ROOT_ID = "add_header";
const RESPONSE_MARKER_NAME = "x-wasm-filter";
const RESPONSE_MARKER_VALUE = "add-header";

/** One per plugin: holds the parsed configuration that every request context reads. */
class AddHeaderRoot extends RootContext {
  header: string = "";
  value: string = "";

  createContext(context_id: u32): Context {
    return new AddHeader(context_id, this);
  }

  // Overridden rather than inherited: the SDK's own onConfigure passes the configuration size
  // where the host expects a pointer, so the host would write into guest memory at that address.
  // Returning false tells the host the configuration is refused; it logs why first.
  onConfigure(configuration_size: u32): bool {
    const text = readPluginConfiguration(configuration_size);
    const config = parseFlatJson(text);
    if (config.error != "") {
      return refuse("not a JSON object of strings: " + config.error);
    }
    const unknown = config.unknownKey(["header", "value"]);
    if (unknown != "") {
      return refuse(unknown + ": unknown key (expected: header, value)");
    }
    if (!config.has("header")) {
      return refuse("header: missing (expected: the name of the request header to set)");
    }
    const header = config.getOr("header", "");
    if (!isLowercaseToken(header)) {
      return refuse("header: '" + header + "' is not a lowercase header name"
          + " (expected: a-z, 0-9 and !#$%&'*+-.^_`|~, at least one character)");
    }
    if (!config.has("value")) {
      return refuse("value: missing (expected: the header value, may be \"\")");
    }
    const value = config.getOr("value", "");
    if (!isFieldValue(value)) {
      return refuse("value: contains a control character (expected: visible characters, space, tab)");
    }
    this.header = header;
    this.value = value;
    log(LogLevelValues.info, ROOT_ID + ": sets request header " + header + " to '" + value + "'");
    return true;
  }
}

/** One per HTTP request. */
class AddHeader extends Context {
  private readonly config: AddHeaderRoot;

  constructor(context_id: u32, root: AddHeaderRoot) {
    super(context_id, root);
    this.config = root;
  }

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    // Replace, not add: the upstream must see the configured value, never one the client sent.
    stream_context.headers.request.replace(this.config.header, this.config.value);
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    stream_context.headers.response.add(RESPONSE_MARKER_NAME, RESPONSE_MARKER_VALUE);
    return FilterHeadersStatusValues.Continue;
  }
}

function refuse(reason: string): bool {
  log(LogLevelValues.error, ROOT_ID + ": plugin configuration: " + reason);
  return false;
}

/** The plugin configuration as text; an empty configuration is "" without asking the host. */
function readPluginConfiguration(size: u32): string {
  if (size == 0) return "";
  return String.UTF8.decode(get_buffer_bytes(BufferTypeValues.PluginConfiguration, 0, size));
}

/** An HTTP token (RFC 9110) in lower case, as HTTP/2 and HTTP/3 require for field names. */
function isLowercaseToken(name: string): bool {
  if (name.length == 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c));
    if (!ok) return false;
  }
  return true;
}

/** A field value without CR, LF, NUL or other controls (tab allowed), so no header injection. */
function isFieldValue(value: string): bool {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c != 0x09) || c == 0x7f) return false;
  }
  return true;
}

registerRootContext((context_id: u32): RootContext => new AddHeaderRoot(context_id), ROOT_ID);
