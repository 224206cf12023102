// Root id "counter": shared data with compare-and-swap, and the tick timer.
//
// Each request adds 1 to the shared-data key "archway.test.requests" (get, then set with the CAS
// from the get, retried on CasMismatch); each tick adds 1 to "archway.test.ticks". Values are
// decimal text. The response gets
//   x-request-count: the requests value this request wrote (-1 if the host refused)
//   x-tick-count:    the ticks value when the response headers pass (0 before the first tick)
// Plugin configuration: {"tick_ms": "<decimal>"} (optional); when present and > 0, on_configure
// calls proxy_set_tick_period_milliseconds with it; "0" or absent means no timer.

import {
  Context,
  FilterHeadersStatusValues,
  LogLevelValues,
  RootContext,
  WasmResultValues,
  log,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { incrementSharedCounter, readSharedCounter, resultName, setTickPeriodMilliseconds } from "../lib/host";
import { decimalOr, parseConfig, readPluginConfiguration, refuse } from "../lib/plugin";

const ROOT_ID = "counter";
export const REQUESTS_KEY = "archway.test.requests";
export const TICKS_KEY = "archway.test.ticks";

class CounterRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new CounterFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    const config = parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), ["tick_ms"]);
    if (config == null) return false;
    const tickMs = decimalOr(config, "tick_ms", 0);
    if (tickMs < 0) return refuse(ROOT_ID, "tick_ms: '" + config.getOr("tick_ms", "") + "' (expected: milliseconds >= 0)");
    if (tickMs > 0) {
      const result = setTickPeriodMilliseconds(<u32>tickMs);
      if (result != WasmResultValues.Ok) return refuse(ROOT_ID, "tick_ms: the host refused the period: " + resultName(result));
    }
    return true;
  }

  onTick(): void {
    if (incrementSharedCounter(TICKS_KEY, 1) < 0) log(LogLevelValues.error, ROOT_ID + ": could not count a tick");
  }
}

class CounterFilter extends Context {
  private count: i64 = 0;

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    this.count = incrementSharedCounter(REQUESTS_KEY, 1);
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    response.add("x-request-count", this.count.toString());
    response.add("x-tick-count", readSharedCounter(TICKS_KEY).toString());
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32): RootContext => new CounterRoot(context_id), ROOT_ID);
