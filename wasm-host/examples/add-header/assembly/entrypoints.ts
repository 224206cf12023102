// The proxy-wasm ABI 0.2.0 entry points the host calls, dispatching to this module's contexts.
//
// Export this file (`export * from "./entrypoints"`) instead of "@solo-io/proxy-runtime/proxy",
// and register roots with registerRootContext from ./root_registry instead of the SDK's. The SDK's own
// dispatch finds a context with a checked downcast (`map.get(id) as Context`), which
// AssemblyScript 0.14 compiles with one reference count too many: every request context then
// stays in memory for good, and the root context's count overflows (the VM aborts) after about
// 2^28 requests. Here stream and root contexts live in two maps of their own type, so no cast
// is needed. The context classes themselves (RootContext, Context) are the SDK's.

import { Context, LogLevelValues, RootContext, log } from "@solo-io/proxy-runtime";
import * as abi from "@solo-io/proxy-runtime/imports";
import { free, malloc } from "@solo-io/proxy-runtime/malloc";
import { registeredRootIds, rootFactory } from "./root_registry";

// The host allocates guest memory for the data it hands over (header values, buffers, ...).
// ABI 0.2.0 hosts look for `malloc`, newer ones for `proxy_on_memory_allocate`: both are here.
export { malloc, free, malloc as proxy_on_memory_allocate };

const roots = new Map<u32, RootContext>();
const streams = new Map<u32, Context>();

export function proxy_abi_version_0_2_0(): void {}

// ---- lifecycle

export function proxy_on_context_create(context_id: u32, root_context_id: u32): void {
  if (root_context_id == 0) {
    if (roots.has(context_id)) return;
    const rootId = pluginRootId();
    if (!registeredRootIds().includes(rootId)) {
      fail("no root context registered for root id '" + rootId + "' (registered: "
          + registeredRootIds().join(", ") + ")");
    }
    const root = rootFactory(rootId)(context_id);
    root.context_id = context_id;
    roots.set(context_id, root);
    return;
  }
  if (streams.has(context_id)) return;
  streams.set(context_id, root(root_context_id).createContext(context_id));
}

export function proxy_on_vm_start(root_context_id: u32, vm_configuration_size: u32): u32 {
  return root(root_context_id).onStart(vm_configuration_size) ? 1 : 0;
}

export function proxy_validate_configuration(root_context_id: u32, configuration_size: u32): u32 {
  return root(root_context_id).validateConfiguration(configuration_size) ? 1 : 0;
}

export function proxy_on_configure(root_context_id: u32, configuration_size: u32): u32 {
  return root(root_context_id).onConfigure(configuration_size) ? 1 : 0;
}

export function proxy_on_tick(root_context_id: u32): void {
  root(root_context_id).onTick();
}

export function proxy_on_queue_ready(root_context_id: u32, token: u32): void {
  root(root_context_id).onQueueReady(token);
}

export function proxy_on_foreign_function(root_context_id: u32, function_id: u32, data_size: u32): void {}

export function proxy_on_done(context_id: u32): u32 {
  if (streams.has(context_id)) return streams.get(context_id).onDone() ? 1 : 0;
  return root(context_id).onDone() ? 1 : 0;
}

export function proxy_on_log(context_id: u32): void {
  if (streams.has(context_id)) streams.get(context_id).onLog();
}

export function proxy_on_delete(context_id: u32): void {
  if (streams.has(context_id)) {
    streams.get(context_id).onDelete();
    streams.delete(context_id);
  } else if (roots.has(context_id)) {
    roots.get(context_id).onDelete();
    roots.delete(context_id);
  }
}

// ---- HTTP stream

export function proxy_on_request_headers(context_id: u32, headers: u32, end_of_stream: u32): i32 {
  return stream(context_id).onRequestHeaders(headers, end_of_stream != 0);
}

export function proxy_on_request_body(context_id: u32, body_buffer_length: u32, end_of_stream: u32): i32 {
  return stream(context_id).onRequestBody(body_buffer_length, end_of_stream != 0);
}

export function proxy_on_request_trailers(context_id: u32, trailers: u32): i32 {
  return stream(context_id).onRequestTrailers(trailers);
}

export function proxy_on_request_metadata(context_id: u32, elements: u32): i32 {
  return stream(context_id).onRequestMetadata(elements);
}

export function proxy_on_response_headers(context_id: u32, headers: u32, end_of_stream: u32): i32 {
  return stream(context_id).onResponseHeaders(headers, end_of_stream != 0);
}

export function proxy_on_response_body(context_id: u32, body_buffer_length: u32, end_of_stream: u32): i32 {
  return stream(context_id).onResponseBody(body_buffer_length, end_of_stream != 0);
}

export function proxy_on_response_trailers(context_id: u32, trailers: u32): i32 {
  return stream(context_id).onResponseTrailers(trailers);
}

export function proxy_on_response_metadata(context_id: u32, elements: u32): i32 {
  return stream(context_id).onResponseMetadata(elements);
}

// ---- callouts: the host answers on the root context that made the call (it owns the token)

export function proxy_on_http_call_response(context_id: u32, token: u32, headers: u32, body_size: u32, trailers: u32): void {
  root(context_id).onHttpCallResponse(token, headers, body_size, trailers);
}

export function proxy_on_grpc_receive_initial_metadata(context_id: u32, token: u32, headers: u32): void {
  root(context_id).on_grpc_receive_initial_metadata(token, headers);
}

export function proxy_on_grpc_trailing_metadata(context_id: u32, token: u32, trailers: u32): void {
  root(context_id).on_grpc_trailing_metadata(token, trailers);
}

export function proxy_on_grpc_receive(context_id: u32, token: u32, response_size: u32): void {
  root(context_id).on_grpc_receive(token, response_size);
}

export function proxy_on_grpc_close(context_id: u32, token: u32, status_code: u32): void {
  root(context_id).on_grpc_close(token, status_code);
}

// ---- lookups

function root(context_id: u32): RootContext {
  if (!roots.has(context_id)) fail("no root context " + context_id.toString());
  return roots.get(context_id);
}

function stream(context_id: u32): Context {
  if (!streams.has(context_id)) fail("no stream context " + context_id.toString());
  return streams.get(context_id);
}

/** A host that calls with an unknown context breaks the ABI contract: log why, then trap. */
function fail(message: string): void {
  log(LogLevelValues.critical, message);
  unreachable();
}

/** The property plugin_root_id, or "" when the host has none (the SDK would abort instead). */
function pluginRootId(): string {
  const path = String.UTF8.encode("plugin_root_id");
  const out = new ArrayBuffer(8);
  const outPtr = changetype<usize>(out);
  const result = abi.proxy_get_property(changetype<usize>(path), path.byteLength, outPtr, outPtr + 4);
  const ptr = load<usize>(outPtr);
  if (result != 0 || ptr == 0) return "";
  const size = load<u32>(outPtr + 4);
  // The host allocated the value with malloc: copy it out, then release the host's allocation.
  // (A managed reference to ptr itself would be released twice by AssemblyScript 0.14.)
  const value = new ArrayBuffer(<i32>size);
  memory.copy(changetype<usize>(value), ptr, size);
  free(ptr);
  return String.UTF8.decode(value);
}
