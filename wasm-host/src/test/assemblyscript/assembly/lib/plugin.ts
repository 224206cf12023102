// Configuration and small helpers shared by the test filters.

import { LogLevelValues, log } from "@solo-io/proxy-runtime";
import { BufferTypeValues, get_buffer_bytes } from "@solo-io/proxy-runtime/runtime";
// The parser of the add-header example, so the example's parser is exercised by these tests too.
import { FlatJson, parseFlatJson } from "../../../../../examples/add-header/assembly/flat_json";

export { FlatJson };

/** The plugin configuration as text, read at proxy_on_configure; "" when empty. */
export function readPluginConfiguration(size: u32): string {
  // Not RootContext.onConfigure's own reading: the SDK passes the size where a pointer belongs.
  return readBuffer(BufferTypeValues.PluginConfiguration, size);
}

/** The VM configuration as text, read at proxy_on_vm_start; "" when empty. */
export function readVmConfiguration(size: u32): string {
  return readBuffer(BufferTypeValues.VmConfiguration, size);
}

function readBuffer(type: BufferTypeValues, size: u32): string {
  if (size == 0) return "";
  return String.UTF8.decode(get_buffer_bytes(type, 0, size));
}

/**
 * Parses a plugin configuration that may only use the allowed keys; on a problem logs it at
 * error level (naming the root id) and returns null so that onConfigure can return false.
 */
export function parseConfig(rootId: string, text: string, allowed: string[]): FlatJson | null {
  const config = parseFlatJson(text);
  if (config.error != "") {
    refuse(rootId, "not a JSON object of strings: " + config.error);
    return null;
  }
  const unknown = config.unknownKey(allowed);
  if (unknown != "") {
    refuse(rootId, unknown + ": unknown key (expected one of: " + allowed.join(", ") + ")");
    return null;
  }
  return config;
}

/** Logs why rootId refuses its configuration; returns false for onConfigure to return. */
export function refuse(rootId: string, reason: string): bool {
  log(LogLevelValues.error, rootId + ": plugin configuration: " + reason);
  return false;
}

/** A config value that must be a non-negative decimal; -1 when it is not. */
export function decimalOr(config: FlatJson, key: string, fallback: i64): i64 {
  if (!config.has(key)) return fallback;
  const text = config.getOr(key, "");
  if (text.length == 0 || text.length > 9) return -1;
  let value: i64 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/** Makes text safe as a header value: controls become '?', so a test sees them without injection. */
export function headerSafe(text: string): string {
  // Byte-wise on UTF-8: a control character is one byte there and never part of a longer sequence.
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b < 0x20 && b != 0x09) || b == 0x7f) bytes[i] = 0x3f;
  }
  return String.UTF8.decode(bytes.buffer);
}
