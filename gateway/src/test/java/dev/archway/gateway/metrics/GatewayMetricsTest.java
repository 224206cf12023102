package dev.archway.gateway.metrics;

import static dev.archway.gateway.testing.Ir.backend;
import static dev.archway.gateway.testing.Ir.httpPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.snapshot;
import static dev.archway.gateway.testing.Ir.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.stats.FilterStats;
import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.Snapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which series a finished request lands in, without sockets. */
class GatewayMetricsTest {
    private static final String ROUTE = "httproute/default/web/rule/0/match/0";

    private final GatewayMetrics metrics = new GatewayMetrics(new FilterStats());
    private final ListenerIr listener = listener("http", null, vhost("*", route(ROUTE, prefix("/"), backend("c", 1))));
    private final PortIr port = httpPort(8080, listener);
    private final Snapshot snapshot = snapshot(List.of(port));

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void resolvesEachRouteOnceSoThatRequestsOnlyIncrement() {
        RequestMetrics requests = metrics.forSnapshot(snapshot);

        RouteMeters meters = requests.route(listener, ROUTE);
        meters.record(503, millis(2));
        requests.route(listener, ROUTE).record(201, millis(30));

        assertThat(requests.route(listener, ROUTE)).isSameAs(meters);
        assertThat(metrics.scrape())
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"" + ROUTE + "\",status_class=\"5xx\"} 1.0")
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"" + ROUTE + "\",status_class=\"2xx\"} 1.0")
                .contains("archway_request_duration_seconds_bucket{gateway=\"default/gw\",route=\"" + ROUTE
                        + "\",le=\"0.005\"} 1")
                .contains("archway_request_duration_seconds_bucket{gateway=\"default/gw\",route=\"" + ROUTE
                        + "\",le=\"0.05\"} 2");
    }

    @Test
    void countsARequestThatGotNoResponseAsStatusClassNone() {
        metrics.forSnapshot(snapshot).route(listener, ROUTE).record(0, millis(1));

        assertThat(metrics.scrape())
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"" + ROUTE + "\",status_class=\"none\"} 1.0");
    }

    @Test
    void labelsRequestsNoListenerTookByPortOrNoneWhenThePortIsGone() {
        RequestMetrics requests = metrics.forSnapshot(snapshot);

        requests.unrouted(listener, port.name()).record(404, millis(1));
        requests.unrouted(null, port.name()).record(400, millis(1));
        requests.unrouted(null, null).record(404, millis(1));

        assertThat(metrics.scrape())
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"none\",status_class=\"4xx\"} 1.0")
                .contains("archway_requests_total{gateway=\"127.0.0.1:8080\",route=\"none\",status_class=\"4xx\"} 1.0")
                .contains("archway_requests_total{gateway=\"none\",route=\"none\",status_class=\"4xx\"} 1.0");
    }

    @Test
    void keepsCountingARouteAcrossReloads() {
        metrics.forSnapshot(snapshot).route(listener, ROUTE).record(200, millis(1));
        metrics.forSnapshot(snapshot.withVersion(2)).route(listener, ROUTE).record(200, millis(1));

        assertThat(metrics.scrape())
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"" + ROUTE + "\",status_class=\"2xx\"} 2.0");
    }

    @Test
    void showsNoRequestSeriesBeforeTheFirstRequest() {
        metrics.forSnapshot(snapshot);

        assertThat(metrics.scrape()).doesNotContain("archway_requests_total").doesNotContain("archway_request_duration");
    }
}
