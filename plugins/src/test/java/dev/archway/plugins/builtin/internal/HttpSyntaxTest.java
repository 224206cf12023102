package dev.archway.plugins.builtin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpSyntaxTest {

    @Test
    void acceptsTokenHeaderNamesOnly() {
        assertThat(HttpSyntax.isToken("X-Request-Id")).isTrue();
        assertThat(HttpSyntax.isToken("x_custom.v1~")).isTrue();
        assertThat(HttpSyntax.isToken("X A")).isFalse();
        assertThat(HttpSyntax.isToken("x:a")).isFalse();
        assertThat(HttpSyntax.isToken(":path")).isFalse();
        assertThat(HttpSyntax.isToken("")).isFalse();
        assertThat(HttpSyntax.isToken(null)).isFalse();
    }

    @Test
    void flagsValuesThatWouldSplitTheHeaderBlock() {
        assertThat(HttpSyntax.hasLineBreakOrNul("a\r\nSet-Cookie: x")).isTrue();
        assertThat(HttpSyntax.hasLineBreakOrNul("a\0b")).isTrue();
        assertThat(HttpSyntax.hasLineBreakOrNul("text/plain; charset=utf-8")).isFalse();
    }

    @Test
    void acceptsDnsNamesWithoutPort() {
        assertThat(HttpSyntax.isHostname("example.com")).isTrue();
        assertThat(HttpSyntax.isHostname("a-b.example.com")).isTrue();
        assertThat(HttpSyntax.isHostname("example.com:8080")).isFalse();
        assertThat(HttpSyntax.isHostname("*.example.com")).isFalse();
        assertThat(HttpSyntax.isHostname("-bad.example.com")).isFalse();
        assertThat(HttpSyntax.isHostname("example..com")).isFalse();
    }
}
