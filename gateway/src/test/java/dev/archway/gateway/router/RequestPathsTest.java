package dev.archway.gateway.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathsTest {

    @Test
    void removesDotSegmentsSoThatAPathCannotEscapeItsPrefix() {
        assertThat(RequestPaths.normalize("/public/../admin")).isEqualTo("/admin");
        assertThat(RequestPaths.normalize("/a/./b")).isEqualTo("/a/b");
        assertThat(RequestPaths.normalize("/../../x")).isEqualTo("/x");
        assertThat(RequestPaths.normalize("/a/b/..")).isEqualTo("/a/");
        assertThat(RequestPaths.normalize("/a/.")).isEqualTo("/a/");
    }

    @Test
    void leavesOrdinaryPathsUntouched() {
        assertThat(RequestPaths.normalize("/a/b.c/..d/e.")).isEqualTo("/a/b.c/..d/e.");
        assertThat(RequestPaths.normalize("/")).isEqualTo("/");
        assertThat(RequestPaths.normalize("")).isEqualTo("/");
        assertThat(RequestPaths.normalize("*")).isEqualTo("*");
    }

    @Test
    void decodesEncodedDotsAndUnreservedCharactersBeforeRemovingDotSegments() {
        assertThat(RequestPaths.normalize("/public/%2e%2e/admin")).isEqualTo("/admin");
        assertThat(RequestPaths.normalize("/public/%2E./admin")).isEqualTo("/admin");
        assertThat(RequestPaths.normalize("/%7Euser/a%2Db")).isEqualTo("/~user/a-b");
        assertThat(RequestPaths.normalize("/a%20b/c%2Fd")).isEqualTo("/a%20b/c%2Fd");
    }

    @Test
    void refusesDotSegmentsHiddenBehindSeparatorsThatUpstreamsMayHonour() {
        assertThat(RequestPaths.normalize("/public/..%2fadmin")).isNull();
        assertThat(RequestPaths.normalize("/public/..%5Cadmin")).isNull();
        assertThat(RequestPaths.normalize("/public/..\\admin")).isNull();
        assertThat(RequestPaths.normalize("/public/..;/admin")).isNull();
        assertThat(RequestPaths.normalize("/public/%2e%2e;jsessionid=1/admin")).isNull();
        assertThat(RequestPaths.normalize("/files/a%2Fb;v=1")).isEqualTo("/files/a%2Fb;v=1");
    }
}
