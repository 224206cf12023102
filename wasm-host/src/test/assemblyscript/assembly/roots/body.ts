// Root id "body": inspects the whole request body.
//
// on_request_body asks the host to buffer (StopIterationAndBuffer) until end_of_stream, then reads
// the body with proxy_get_buffer_bytes and
//   - longer than max_bytes       -> local reply 413, header x-body-rejected: too-large
//   - contains the forbidden word -> local reply 400, header x-body-rejected: forbidden-word
//   - otherwise continues; the response gets x-request-body-length: <bytes read>
// A request without a body never calls on_request_body: the response has no such header.
// Plugin configuration: {"forbidden": "<word>", "max_bytes": "<decimal>"}, both optional
// (defaults "forbidden" and 1048576). The word is matched case-sensitively in the UTF-8 text.

import {
  Context,
  FilterDataStatusValues,
  FilterHeadersStatusValues,
  GrpcStatusValues,
  HeaderPair,
  Headers,
  RootContext,
  send_local_response,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { BufferTypeValues, get_buffer_bytes } from "@solo-io/proxy-runtime/runtime";
import { decimalOr, parseConfig, readPluginConfiguration, refuse } from "../lib/plugin";

const ROOT_ID = "body";

class BodyRoot extends RootContext {
  forbidden: string = "forbidden";
  maxBytes: i64 = 1048576;

  createContext(context_id: u32): Context {
    return new BodyFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    const config = parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), ["forbidden", "max_bytes"]);
    if (config == null) return false;
    const forbidden = config.getOr("forbidden", "forbidden");
    if (forbidden == "") return refuse(ROOT_ID, "forbidden: empty (expected: a word to reject)");
    const maxBytes = decimalOr(config, "max_bytes", 1048576);
    if (maxBytes < 0) return refuse(ROOT_ID, "max_bytes: '" + config.getOr("max_bytes", "") + "' (expected: a byte count >= 0)");
    this.forbidden = forbidden;
    this.maxBytes = maxBytes;
    return true;
  }
}

class BodyFilter extends Context {
  private readonly config: BodyRoot;
  private bodyLength: i64 = -1;

  constructor(context_id: u32, root: BodyRoot) {
    super(context_id, root);
    this.config = root;
  }

  onRequestBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) return FilterDataStatusValues.StopIterationAndBuffer;
    if (<i64>body_buffer_length > this.config.maxBytes) {
      reject(413, "too-large", "request body too large\n");
      return FilterDataStatusValues.StopIterationNoBuffer;
    }
    const body = get_buffer_bytes(BufferTypeValues.HttpRequestBody, 0, <u32>body_buffer_length);
    if (String.UTF8.decode(body).includes(this.config.forbidden)) {
      reject(400, "forbidden-word", "request body contains a forbidden word\n");
      return FilterDataStatusValues.StopIterationNoBuffer;
    }
    this.bodyLength = body.byteLength;
    return FilterDataStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    if (this.bodyLength >= 0) {
      stream_context.headers.response.add("x-request-body-length", this.bodyLength.toString());
    }
    return FilterHeadersStatusValues.Continue;
  }
}

function reject(status: u32, reason: string, body: string): void {
  const headers: Headers = [new HeaderPair(String.UTF8.encode("x-body-rejected"), String.UTF8.encode(reason))];
  send_local_response(status, "wasm_body_" + reason, String.UTF8.encode(body), headers, GrpcStatusValues.InvalidCode);
}

registerRootContext((context_id: u32): RootContext => new BodyRoot(context_id), ROOT_ID);
