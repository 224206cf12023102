package dev.archway.plugins.builtin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.PathModifier;
import dev.archway.gatewayapi.ir.filters.PathModifierType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathRewriterTest {

    @ParameterizedTest(name = "prefix {0} + value {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "/foo | /bar  | /foo         | /bar",
        "/foo | /bar  | /foo/x       | /bar/x",
        "/foo | /bar  | /foo/        | /bar/",
        "/foo | /bar  | /foo/x/y     | /bar/x/y",
        "/foo | /bar/ | /foo/x       | /bar/x",
        "/foo | /     | /foo/x       | /x",
        "/foo | /     | /foo         | /",
        "/foo | /     | /foo/        | /",
        "/foo | ''    | /foo/x       | /x",
        "/foo | ''    | /foo         | /",
        "/    | /api  | /x           | /api/x",
        "/    | /api/ | /x           | /api/x",
        "/    | /api  | /            | /api/",
        "/a/b | /c    | /a/b/d       | /c/d",
    })
    void replacesTheMatchedPrefixOnSegmentBoundaries(String prefix, String value, String path, String expected) {
        PathModifier modifier = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, value, prefix);

        assertThat(PathRewriter.rewrite(modifier, path)).isEqualTo(expected);
    }

    @Test
    void leavesAPathThatDoesNotStartWithThePrefixOnASegmentBoundaryUnchanged() {
        PathModifier modifier = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/bar", "/foo");

        assertThat(PathRewriter.rewrite(modifier, "/foobar")).isEqualTo("/foobar");
        assertThat(PathRewriter.rewrite(modifier, "/other")).isEqualTo("/other");
    }

    @Test
    void replacesTheWholePathWithReplaceFullPath() {
        PathModifier modifier = new PathModifier(PathModifierType.REPLACE_FULL_PATH, "/new", null);

        assertThat(PathRewriter.rewrite(modifier, "/old/deep/path")).isEqualTo("/new");
    }

    @Test
    void keepsThePathWithoutModifier() {
        assertThat(PathRewriter.rewrite(null, "/kept")).isEqualTo("/kept");
    }

    @Test
    void validateNamesTheFieldOfEachProblem() {
        assertThat(PathRewriter.validate("path", new PathModifier(PathModifierType.REPLACE_FULL_PATH, "relative", null)))
                .containsExactly("path.value: 'relative' (expected: a path starting with '/')");
        assertThat(PathRewriter.validate("path", new PathModifier(PathModifierType.REPLACE_FULL_PATH, "/a?b=1", null)))
                .containsExactly("path.value: '/a?b=1' (expected: a path without query, fragment, whitespace or control characters)");
        assertThat(PathRewriter.validate("path", new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/x", null)))
                .containsExactly("path.matchedPrefix: missing (expected: the route's PathPrefix match, starting with '/')");
        assertThat(PathRewriter.validate("path", new PathModifier(null, "/x", null)))
                .containsExactly("path.type: missing (expected: ReplaceFullPath or ReplacePrefixMatch)");
        assertThat(PathRewriter.validate("path", new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "", "/foo")))
                .isEmpty();
    }
}
