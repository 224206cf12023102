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
}
