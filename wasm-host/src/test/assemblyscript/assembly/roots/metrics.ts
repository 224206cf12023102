// Root id "metrics": one metric of each type, defined at on_configure.
//
//   archway_test_requests_total      counter    +1 per request (proxy_increment_metric)
//   archway_test_active_requests     gauge      +1 on request headers, -1 when the stream is done
//   archway_test_request_path_bytes  histogram  the request :path length (proxy_record_metric)
// The response gets x-metric-requests and x-metric-active: proxy_get_metric of the counter and
// the gauge, decimal, or "<missing:ResultName>" when the host refuses.
// Plugin configuration: none ("" or "{}"). A refused definition refuses the configuration.

import {
  Context,
  FilterHeadersStatusValues,
  RootContext,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import { MetricTypeValues } from "@solo-io/proxy-runtime/runtime";
import { defineMetric, getMetric, incrementMetric, recordMetric, resultName } from "../lib/host";
import { parseConfig, readPluginConfiguration, refuse } from "../lib/plugin";

const ROOT_ID = "metrics";

class MetricsRoot extends RootContext {
  requests: u32 = 0;
  active: u32 = 0;
  pathBytes: u32 = 0;

  createContext(context_id: u32): Context {
    return new MetricsFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    if (parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), []) == null) return false;
    const requests = defineMetric(MetricTypeValues.Counter, "archway_test_requests_total");
    const active = defineMetric(MetricTypeValues.Gauge, "archway_test_active_requests");
    const pathBytes = defineMetric(MetricTypeValues.Histogram, "archway_test_request_path_bytes");
    if (!requests.ok) return refuse(ROOT_ID, "counter archway_test_requests_total: " + resultName(requests.result));
    if (!active.ok) return refuse(ROOT_ID, "gauge archway_test_active_requests: " + resultName(active.result));
    if (!pathBytes.ok) return refuse(ROOT_ID, "histogram archway_test_request_path_bytes: " + resultName(pathBytes.result));
    this.requests = requests.value;
    this.active = active.value;
    this.pathBytes = pathBytes.value;
    return true;
  }
}

class MetricsFilter extends Context {
  private readonly config: MetricsRoot;
  private counted: bool = false;

  constructor(context_id: u32, root: MetricsRoot) {
    super(context_id, root);
    this.config = root;
  }

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    incrementMetric(this.config.requests, 1);
    incrementMetric(this.config.active, 1);
    this.counted = true;
    recordMetric(this.config.pathBytes, <u64>String.UTF8.byteLength(stream_context.headers.request.get(":path")));
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    response.add("x-metric-requests", metricText(this.config.requests));
    response.add("x-metric-active", metricText(this.config.active));
    return FilterHeadersStatusValues.Continue;
  }

  onDone(): bool {
    // Only streams that were counted as active leave, so the gauge cannot go below zero.
    if (this.counted) incrementMetric(this.config.active, -1);
    this.counted = false;
    return true;
  }
}

function metricText(id: u32): string {
  const value = getMetric(id);
  if (value.ok) return value.value.toString();
  return "<missing:" + resultName(value.result) + ">";
}

registerRootContext((context_id: u32): RootContext => new MetricsRoot(context_id), ROOT_ID);
