// Host calls the SDK wraps wrongly or fatally, called here straight through the ABI.
// (No `cond ? a : b` between references in these files: AssemblyScript 0.14 miscounts them.)
//
// @solo-io/proxy-runtime 0.1.8 passes a queue token by value where the ABI wants a pointer
// (register/resolve_shared_queue), passes the value buffer where the ABI wants a pointer to a
// pointer (get_shared_data), calls record_metric from get_metric, and ends the VM when a property
// is missing. The test filters must tell the host's answers apart, so every function here returns
// the WasmResult next to the data.

import * as abi from "@solo-io/proxy-runtime/imports";
import { free } from "@solo-io/proxy-runtime/malloc";
import { Headers, WasmResultValues } from "@solo-io/proxy-runtime";

// Out-parameters the host writes: [0] a pointer or u32, [4] a size, [8] a u32 or u64.
const scratch = new ArrayBuffer(16);
const OUT_PTR: usize = changetype<usize>(scratch);
const OUT_SIZE: usize = OUT_PTR + 4;
const OUT_EXTRA: usize = OUT_PTR + 8;

function clearScratch(): void {
  store<u64>(OUT_PTR, 0);
  store<u64>(OUT_EXTRA, 0);
}

/**
 * The bytes of the buffer the host allocated through the guest's `malloc` and wrote to
 * OUT_PTR/OUT_SIZE; the allocation is released. A zero pointer is an empty buffer.
 */
function takeHostBuffer(): ArrayBuffer {
  const ptr = load<usize>(OUT_PTR);
  const size = load<u32>(OUT_SIZE);
  if (ptr == 0) return new ArrayBuffer(0);
  // Copied out rather than adopted: a managed reference to ptr would be released twice by
  // AssemblyScript 0.14's reference counting. free() then drops the reference malloc handed out.
  const bytes = new ArrayBuffer(<i32>size);
  memory.copy(changetype<usize>(bytes), ptr, size);
  free(ptr);
  return bytes;
}

export class BytesResult {
  result: WasmResultValues = WasmResultValues.Ok;
  bytes: ArrayBuffer = new ArrayBuffer(0);
  /** Only for shared data: the CAS the host returned with the value. */
  cas: u32 = 0;

  get ok(): bool {
    return this.result == WasmResultValues.Ok;
  }

  text(): string {
    return String.UTF8.decode(this.bytes);
  }
}

export class U32Result {
  result: WasmResultValues = WasmResultValues.Ok;
  value: u32 = 0;

  get ok(): bool {
    return this.result == WasmResultValues.Ok;
  }
}

export class U64Result {
  result: WasmResultValues = WasmResultValues.Ok;
  value: u64 = 0;

  get ok(): bool {
    return this.result == WasmResultValues.Ok;
  }
}

// ---- header maps

/**
 * Replaces a whole header map (proxy_set_header_map_pairs). The SDK's set_headers does not
 * compile with AssemblyScript 0.14, hence this. Layout: u32 count, then u32 name and value
 * lengths for each pair, then each name and value followed by a NUL.
 */
export function setHeaderMapPairs(type: i32, pairs: Headers): WasmResultValues {
  let size = 4;
  for (let i = 0; i < pairs.length; i++) {
    size += 8 + pairs[i].key.byteLength + 1 + pairs[i].value.byteLength + 1;
  }
  const buffer = new ArrayBuffer(size);
  const base = changetype<usize>(buffer);
  store<u32>(base, pairs.length);
  let data = base + 4 + 8 * pairs.length;
  for (let i = 0; i < pairs.length; i++) {
    const key = pairs[i].key;
    const value = pairs[i].value;
    store<u32>(base + 4 + 8 * i, key.byteLength);
    store<u32>(base + 8 + 8 * i, value.byteLength);
    memory.copy(data, changetype<usize>(key), key.byteLength);
    data += key.byteLength + 1; // the NUL is already there: a new ArrayBuffer is zeroed
    memory.copy(data, changetype<usize>(value), value.byteLength);
    data += value.byteLength + 1;
  }
  return abi.proxy_set_header_map_pairs(type, base, size);
}

// ---- properties

/**
 * A property by its path segments, e.g. ["request", "path"]. On the wire the segments are joined
 * with NUL bytes, as Envoy and the Rust and Go SDKs send them; a single segment has no NUL.
 */
export function getProperty(segments: string[]): BytesResult {
  const path = String.UTF8.encode(segments.join("\0"));
  clearScratch();
  const out = new BytesResult();
  out.result = abi.proxy_get_property(changetype<usize>(path), path.byteLength, OUT_PTR, OUT_SIZE);
  if (out.ok) out.bytes = takeHostBuffer();
  return out;
}

export function setProperty(segments: string[], value: string): WasmResultValues {
  const path = String.UTF8.encode(segments.join("\0"));
  const data = String.UTF8.encode(value);
  return abi.proxy_set_property(changetype<usize>(path), path.byteLength, changetype<usize>(data), data.byteLength);
}

// ---- shared data

export function getSharedData(key: string): BytesResult {
  const k = String.UTF8.encode(key);
  clearScratch();
  const out = new BytesResult();
  out.result = abi.proxy_get_shared_data(changetype<usize>(k), k.byteLength, OUT_PTR, OUT_SIZE, OUT_EXTRA);
  if (out.ok) {
    out.cas = load<u32>(OUT_EXTRA);
    out.bytes = takeHostBuffer();
  }
  return out;
}

/** cas 0 sets unconditionally; any other value only if it is still the key's current CAS. */
export function setSharedData(key: string, value: string, cas: u32): WasmResultValues {
  const k = String.UTF8.encode(key);
  const v = String.UTF8.encode(value);
  return abi.proxy_set_shared_data(changetype<usize>(k), k.byteLength, changetype<usize>(v), v.byteLength, cas);
}

/**
 * Adds delta to the decimal counter stored under key, retrying when another context changed it
 * between read and write (CasMismatch). Returns the new value, or -1 when the host refused.
 */
export function incrementSharedCounter(key: string, delta: i64): i64 {
  for (let attempt = 0; attempt < 16; attempt++) {
    const current = getSharedData(key);
    let value: i64 = 0;
    let cas: u32 = 0;
    if (current.ok) {
      value = parseDecimal(current.text());
      cas = current.cas;
    } else if (current.result != WasmResultValues.NotFound) {
      return -1;
    }
    const next = value + delta;
    const written = setSharedData(key, next.toString(), cas);
    if (written == WasmResultValues.Ok) return next;
    if (written != WasmResultValues.CasMismatch) return -1;
  }
  return -1;
}

/** The decimal counter under key, 0 when the key is absent. */
export function readSharedCounter(key: string): i64 {
  const current = getSharedData(key);
  return current.ok ? parseDecimal(current.text()) : 0;
}

// ---- shared queues

export function registerSharedQueue(name: string): U32Result {
  const n = String.UTF8.encode(name);
  clearScratch();
  const out = new U32Result();
  out.result = abi.proxy_register_shared_queue(changetype<usize>(n), n.byteLength, OUT_EXTRA);
  if (out.ok) out.value = load<u32>(OUT_EXTRA);
  return out;
}

export function resolveSharedQueue(vmId: string, name: string): U32Result {
  const vm = String.UTF8.encode(vmId);
  const n = String.UTF8.encode(name);
  clearScratch();
  const out = new U32Result();
  out.result = abi.proxy_resolve_shared_queue(changetype<usize>(vm), vm.byteLength, changetype<usize>(n), n.byteLength, OUT_EXTRA);
  if (out.ok) out.value = load<u32>(OUT_EXTRA);
  return out;
}

export function enqueueSharedQueue(token: u32, item: string): WasmResultValues {
  const data = String.UTF8.encode(item);
  return abi.proxy_enqueue_shared_queue(token, changetype<usize>(data), data.byteLength);
}

/** Ok with an item, Empty when the queue has none, NotFound for an unknown token. */
export function dequeueSharedQueue(token: u32): BytesResult {
  clearScratch();
  const out = new BytesResult();
  out.result = abi.proxy_dequeue_shared_queue(token, OUT_PTR, OUT_SIZE);
  if (out.ok) out.bytes = takeHostBuffer();
  return out;
}

// ---- metrics

export function defineMetric(type: i32, name: string): U32Result {
  const n = String.UTF8.encode(name);
  clearScratch();
  const out = new U32Result();
  out.result = abi.proxy_define_metric(type, changetype<usize>(n), n.byteLength, OUT_EXTRA);
  if (out.ok) out.value = load<u32>(OUT_EXTRA);
  return out;
}

export function incrementMetric(id: u32, delta: i64): WasmResultValues {
  return abi.proxy_increment_metric(id, delta);
}

export function recordMetric(id: u32, value: u64): WasmResultValues {
  return abi.proxy_record_metric(id, value);
}

export function getMetric(id: u32): U64Result {
  clearScratch();
  const out = new U64Result();
  out.result = abi.proxy_get_metric(id, OUT_EXTRA);
  if (out.ok) out.value = load<u64>(OUT_EXTRA);
  return out;
}

// ---- timers and clock

export function setTickPeriodMilliseconds(period: u32): WasmResultValues {
  return abi.proxy_set_tick_period_milliseconds(period);
}

export function currentTimeNanoseconds(): U64Result {
  clearScratch();
  const out = new U64Result();
  out.result = abi.proxy_get_current_time_nanoseconds(OUT_EXTRA);
  if (out.ok) out.value = load<u64>(OUT_EXTRA);
  return out;
}

// ---- text helpers

/** A non-negative decimal, or -1 for anything else (so a corrupt counter is visible). */
export function parseDecimal(text: string): i64 {
  if (text.length == 0 || text.length > 18) return -1;
  let value: i64 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/** A WasmResult as the enum name the ABI uses, for headers a test can compare. */
export function resultName(result: WasmResultValues): string {
  switch (result) {
    case WasmResultValues.Ok: return "Ok";
    case WasmResultValues.NotFound: return "NotFound";
    case WasmResultValues.BadArgument: return "BadArgument";
    case WasmResultValues.SerializationFailure: return "SerializationFailure";
    case WasmResultValues.ParseFailure: return "ParseFailure";
    case WasmResultValues.BadExpression: return "BadExpression";
    case WasmResultValues.InvalidMemoryAccess: return "InvalidMemoryAccess";
    case WasmResultValues.Empty: return "Empty";
    case WasmResultValues.CasMismatch: return "CasMismatch";
    case WasmResultValues.ResultMismatch: return "ResultMismatch";
    case WasmResultValues.InternalFailure: return "InternalFailure";
    case WasmResultValues.BrokenConnection: return "BrokenConnection";
    case WasmResultValues.Unimplemented: return "Unimplemented";
  }
  return "Result" + (<u32>result).toString();
}
