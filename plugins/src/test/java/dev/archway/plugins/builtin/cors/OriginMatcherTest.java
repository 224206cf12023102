package dev.archway.plugins.builtin.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginMatcherTest {
    private final OriginMatcher matcher = OriginMatcher.of(List.of(
            "https://app.example.com", "https://*.example.org", "http://localhost:3000", "https://api.example.net:443"));

    @Test
    void matchesAnExactOriginWhateverTheCaseOfSchemeAndHost() {
        assertThat(matcher.matches("https://app.example.com")).isTrue();
        assertThat(matcher.matches("HTTPS://App.Example.COM")).isTrue();
        assertThat(matcher.matches("http://localhost:3000")).isTrue();
    }

    @Test
    void refusesAnotherSchemeHostOrPort() {
        assertThat(matcher.matches("http://app.example.com")).isFalse();
        assertThat(matcher.matches("https://app.example.com:8443")).isFalse();
        assertThat(matcher.matches("https://app.example.co")).isFalse();
        assertThat(matcher.matches("https://app.example.com.evil.net")).isFalse();
        assertThat(matcher.matches("http://localhost")).isFalse();
        assertThat(matcher.matches("http://localhost:3001")).isFalse();
    }

    @Test
    void treatsTheDefaultPortAsNoPort() {
        assertThat(matcher.matches("https://app.example.com:443")).isTrue();
        assertThat(matcher.matches("https://api.example.net")).isTrue();
        assertThat(matcher.matches("https://api.example.net:443")).isTrue();
    }

    @Test
    void subdomainWildcardMatchesOneOrMoreLabelsButNotTheDomainItself() {
        assertThat(matcher.matches("https://a.example.org")).isTrue();
        assertThat(matcher.matches("https://a.b.example.org")).isTrue();
        assertThat(matcher.matches("https://example.org")).isFalse();
        assertThat(matcher.matches("https://badexample.org")).isFalse();
        assertThat(matcher.matches("http://a.example.org")).isFalse();
        assertThat(matcher.matches("https://a.example.org:8443")).isFalse();
    }

    @Test
    void refusesValuesThatAreNotSerializedOrigins() {
        assertThat(matcher.matches(null)).isFalse();
        assertThat(matcher.matches("null")).isFalse();
        assertThat(matcher.matches("")).isFalse();
        assertThat(matcher.matches("https://app.example.com/")).isFalse();
        assertThat(matcher.matches("https://user@app.example.com")).isFalse();
        assertThat(matcher.matches("https://app.example.com:")).isFalse();
        assertThat(matcher.matches("https://app.example.com:99999")).isFalse();
        assertThat(matcher.matches("app.example.com")).isFalse();
    }

    @Test
    void starMatchesEveryWellFormedOrigin() {
        OriginMatcher any = OriginMatcher.of(List.of("*"));

        assertThat(any.matchesAny()).isTrue();
        assertThat(any.matches("https://foobar.com:12345")).isTrue();
        assertThat(any.matches("http://[::1]:8080")).isTrue();
        assertThat(any.matches("chrome-extension://abcdef")).isTrue();
        assertThat(any.matches("null")).isFalse();
    }

    @Test
    void starHostMatchesEveryHostOfItsSchemeAndPort() {
        OriginMatcher anyHttps = OriginMatcher.of(List.of("https://*"));

        assertThat(anyHttps.matches("https://anything.example")).isTrue();
        assertThat(anyHttps.matches("https://anything.example:8443")).isFalse();
        assertThat(anyHttps.matches("http://anything.example")).isFalse();
    }

    @Test
    void refusesToBuildFromAnUnvalidatedEntry() {
        assertThatThrownBy(() -> OriginMatcher.of(List.of("app.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.example.com");
    }
}
