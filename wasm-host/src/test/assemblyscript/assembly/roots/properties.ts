// Root id "properties": reads host properties and the clock into request headers.
//
//   x-prop-request-path      request.path        x-prop-plugin-name     plugin_name
//   x-prop-request-method    request.method      x-prop-plugin-root-id  plugin_root_id
//   x-prop-source-address    source.address      x-prop-plugin-vm-id    plugin_vm_id
//   x-current-time-nanos     proxy_get_current_time_nanoseconds, decimal
//   x-prop-peer-uri-san      connection.uri_san_peer_certificate
//   x-prop-peer-subject      connection.subject_peer_certificate
//   x-prop-mtls              connection.mtls, as "1" or "0" (a one-byte bool)
//
// A property the host does not have is written as "<missing:ResultName>", e.g. <missing:NotFound>.
// Multi-segment paths go to the host NUL-separated ("request\0path"), as Envoy expects.
// x-prop-set: V -> set_property(["archway_test"], V), then read back:
//   x-prop-set-result: <ResultName> and x-prop-roundtrip: the value read back (or <missing:...>).
// Plugin configuration: none ("" or "{}").

import {
  Context,
  FilterHeadersStatusValues,
  RootContext,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { currentTimeNanoseconds, getProperty, resultName, setProperty } from "../lib/host";
import { headerSafe, parseConfig, readPluginConfiguration } from "../lib/plugin";

const ROOT_ID = "properties";

class PropertiesRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new PropertiesFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    return parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), []) != null;
  }
}

class PropertiesFilter extends Context {
  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    request.add("x-prop-request-path", property(["request", "path"]));
    request.add("x-prop-request-method", property(["request", "method"]));
    request.add("x-prop-source-address", property(["source", "address"]));
    request.add("x-prop-plugin-name", property(["plugin_name"]));
    request.add("x-prop-plugin-root-id", property(["plugin_root_id"]));
    request.add("x-prop-plugin-vm-id", property(["plugin_vm_id"]));
    request.add("x-prop-peer-uri-san", property(["connection", "uri_san_peer_certificate"]));
    request.add("x-prop-peer-subject", property(["connection", "subject_peer_certificate"]));
    const mtls = getProperty(["connection", "mtls"]);
    if (mtls.ok) {
      const flag = Uint8Array.wrap(mtls.bytes);
      request.add("x-prop-mtls", flag.length == 1 && flag[0] == 1 ? "1" : "0");
    } else {
      request.add("x-prop-mtls", "<missing:" + resultName(mtls.result) + ">");
    }

    const now = currentTimeNanoseconds();
    if (now.ok) request.add("x-current-time-nanos", now.value.toString());
    else request.add("x-current-time-nanos", "<missing:" + resultName(now.result) + ">");

    const toSet = request.get("x-prop-set");
    if (toSet != "") {
      request.add("x-prop-set-result", resultName(setProperty(["archway_test"], toSet)));
      request.add("x-prop-roundtrip", property(["archway_test"]));
    }
    return FilterHeadersStatusValues.Continue;
  }
}

function property(segments: string[]): string {
  const value = getProperty(segments);
  if (value.ok) return headerSafe(value.text());
  return "<missing:" + resultName(value.result) + ">";
}

registerRootContext((context_id: u32): RootContext => new PropertiesRoot(context_id), ROOT_ID);
