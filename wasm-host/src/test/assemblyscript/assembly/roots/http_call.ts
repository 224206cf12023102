// Root id "http_call": pauses each request on an HTTP call to another cluster and resumes it with
// the answer copied into request headers.
//
// Plugin configuration: {"cluster": "<upstream>", "path": "/check", "authority": "<host>",
// "timeout_ms": "<decimal>"}; cluster and path required, authority defaults to the cluster,
// timeout_ms to 5000.
//
// The call is GET <path> with :authority, x-original-path and x-original-method (the paused
// request's :path and :method), and the paused request's authorization header when it has one.
// When the answer arrives the request gets
//   x-auth-status: the answer's :status      x-auth-user: the answer's x-auth-user, if any
//   x-auth-body: the answer's body (controls shown as '?'), if any
// and continues (proxy_continue_stream), whatever the status.
// When the call cannot be dispatched: local reply 503, x-auth-error: dispatch-<ResultName>.
// When it fails (no answer, e.g. connection refused or timeout): local reply 503,
// x-auth-error: no-response.

import {
  Context,
  FilterHeadersStatusValues,
  GrpcStatusValues,
  HeaderPair,
  Headers,
  LogLevelValues,
  RootContext,
  WasmResultValues,
  continue_request,
  log,
  send_local_response,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { BufferTypeValues, get_buffer_bytes } from "@solo-io/proxy-runtime/runtime";
import { resultName } from "../lib/host";
import { decimalOr, headerSafe, parseConfig, readPluginConfiguration, refuse } from "../lib/plugin";

const ROOT_ID = "http_call";

class HttpCallRoot extends RootContext {
  cluster: string = "";
  path: string = "";
  authority: string = "";
  timeoutMs: u32 = 5000;

  createContext(context_id: u32): Context {
    return new HttpCallFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    const config = parseConfig(ROOT_ID, readPluginConfiguration(configuration_size),
        ["cluster", "path", "authority", "timeout_ms"]);
    if (config == null) return false;
    const cluster = config.getOr("cluster", "");
    if (cluster == "") return refuse(ROOT_ID, "cluster: missing or empty (expected: the cluster to call)");
    const path = config.getOr("path", "");
    if (!path.startsWith("/")) return refuse(ROOT_ID, "path: '" + path + "' (expected: a path starting with '/')");
    const timeout = decimalOr(config, "timeout_ms", 5000);
    if (timeout <= 0) return refuse(ROOT_ID, "timeout_ms: '" + config.getOr("timeout_ms", "") + "' (expected: milliseconds > 0)");
    this.cluster = cluster;
    this.path = path;
    this.authority = config.getOr("authority", cluster);
    this.timeoutMs = <u32>timeout;
    return true;
  }
}

class HttpCallFilter extends Context {
  private readonly config: HttpCallRoot;

  constructor(context_id: u32, root: HttpCallRoot) {
    super(context_id, root);
    this.config = root;
  }

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    const headers: Headers = [
      pair(":method", "GET"),
      pair(":path", this.config.path),
      pair(":authority", this.config.authority),
      pair("x-original-path", request.get(":path")),
      pair("x-original-method", request.get(":method")),
    ];
    const authorization = request.get("authorization");
    if (authorization != "") headers.push(pair("authorization", authorization));
    const dispatched = this.config.httpCall(this.config.cluster, headers, new ArrayBuffer(0), [],
        this.config.timeoutMs, this, onCallResponse);
    if (dispatched != WasmResultValues.Ok) {
      log(LogLevelValues.warn, ROOT_ID + ": call to " + this.config.cluster + " not dispatched: " + resultName(dispatched));
      reply503("dispatch-" + resultName(dispatched));
    }
    // Paused either way: until the answer, or for good behind the local reply.
    return FilterHeadersStatusValues.StopIteration;
  }
}

// A top-level function: AssemblyScript 0.14 has no closures. The SDK has already made the
// paused request the effective context, so header calls act on it.
function onCallResponse(origin: Context, header_count: u32, body_size: usize, trailer_count: u32): void {
  const status = stream_context.headers.http_callback.get(":status");
  if (status == "") {
    log(LogLevelValues.warn, ROOT_ID + ": call for context " + origin.context_id.toString() + " failed");
    reply503("no-response");
    return;
  }
  const request = stream_context.headers.request;
  request.add("x-auth-status", status);
  const user = stream_context.headers.http_callback.get("x-auth-user");
  if (user != "") request.add("x-auth-user", user);
  if (body_size > 0) {
    const body = get_buffer_bytes(BufferTypeValues.HttpCallResponseBody, 0, <u32>body_size);
    request.add("x-auth-body", headerSafe(String.UTF8.decode(body)));
  }
  continue_request();
}

function reply503(reason: string): void {
  const headers: Headers = [pair("x-auth-error", reason)];
  send_local_response(503, "wasm_http_call_failed", String.UTF8.encode("auth service unavailable\n"),
      headers, GrpcStatusValues.InvalidCode);
}

function pair(name: string, value: string): HeaderPair {
  return new HeaderPair(String.UTF8.encode(name), String.UTF8.encode(value));
}

registerRootContext((context_id: u32): RootContext => new HttpCallRoot(context_id), ROOT_ID);
