package dev.archway.plugins.builtin.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.DirectResponseConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectResponseFilterTest {
    private final DirectResponseFactory factory = new DirectResponseFactory();

    private static LocalReply answer(HttpFilter filter) {
        return Steps.reply(new TestFilterContext(TestRequest.get("http://example.com/health")).runRequestHeaders(filter));
    }

    @Test
    void declaresTheArchwayKindInTheRouteStage() {
        assertThat(factory.kind()).isEqualTo(FilterKinds.DIRECT_RESPONSE);
        assertThat(factory.stage()).isEqualTo(FilterStage.ROUTE);
    }

    @Test
    void answersWithTheConfiguredStatusHeadersAndBody() {
        HttpFilter filter = factory.create(new DirectResponseConfig(418, "{\"tea\":true}",
                List.of(new HeaderValue("Content-Type", "application/json"), new HeaderValue("X-A", "1"),
                        new HeaderValue("X-A", "2"))), TestBuildContext.empty());

        LocalReply reply = answer(filter);

        assertThat(reply.status()).isEqualTo(418);
        assertThat(reply.body().toString()).isEqualTo("{\"tea\":true}");
        assertThat(reply.headers().getAll("content-type")).containsExactly("application/json");
        assertThat(reply.headers().getAll("x-a")).containsExactly("1", "2");
    }

    @Test
    void labelsABodyWithoutContentTypeAsText() {
        LocalReply reply = answer(factory.create(new DirectResponseConfig(200, "ok", List.of()), TestBuildContext.empty()));

        assertThat(reply.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(reply.body().toString()).isEqualTo("ok");
    }

    @Test
    void answersWithAnEmptyBodyWhenNoneIsConfigured() {
        LocalReply reply = answer(factory.create(new DirectResponseConfig(204, null, List.of()), TestBuildContext.empty()));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body().length()).isZero();
        assertThat(reply.headers().contains("content-type")).isFalse();
    }

    @Test
    void givesEachRequestItsOwnHeadersSoResponseFiltersCannotLeakBetweenRequests() {
        HttpFilter filter = factory.create(new DirectResponseConfig(200, "ok",
                List.of(new HeaderValue("X-A", "1"))), TestBuildContext.empty());

        answer(filter).headers().set("X-A", "changed").add("X-Leak", "yes");
        LocalReply second = answer(filter);

        assertThat(second.headers().get("X-A")).isEqualTo("1");
        assertThat(second.headers().contains("X-Leak")).isFalse();
    }

    @Test
    void validateRejectsStatusesOutside200To599AndBadHeaders() {
        assertThat(factory.validate(new DirectResponseConfig(199, "", List.of())))
                .containsExactly("status: 199 (expected: 200..599)");
        assertThat(factory.validate(new DirectResponseConfig(600, "", List.of())))
                .containsExactly("status: 600 (expected: 200..599)");
        assertThat(factory.validate(new DirectResponseConfig(200, "", List.of(
                new HeaderValue("bad name", "v"), new HeaderValue("Content-Length", "3"), new HeaderValue("X", "a\nb")))))
                .containsExactly(
                        "headers[0].name: 'bad name' is not a valid header name (expected: an HTTP token such as content-type)",
                        "headers[1].name: 'Content-Length' is derived from the body (expected: no framing headers)",
                        "headers[2].value: contains CR, LF or NUL (expected: a single-line header value)");
        assertThat(factory.validate(new DirectResponseConfig(599, "x", List.of()))).isEmpty();
    }
}
