package dev.archway.gatewayapi.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostnamesTest {
    @Test
    void intersectionFollowsTheGatewayApiTable() {
        assertThat(Hostnames.intersect(null, "a.example.com")).isEqualTo("a.example.com");
        assertThat(Hostnames.intersect("a.example.com", "*")).isEqualTo("a.example.com");
        assertThat(Hostnames.intersect("a.example.com", "a.example.com")).isEqualTo("a.example.com");
        assertThat(Hostnames.intersect("a.example.com", "b.example.com")).isNull();
        assertThat(Hostnames.intersect("*.example.com", "a.b.example.com")).isEqualTo("a.b.example.com");
        assertThat(Hostnames.intersect("*.example.com", "example.com")).isNull();
        assertThat(Hostnames.intersect("a.example.com", "*.example.com")).isEqualTo("a.example.com");
        assertThat(Hostnames.intersect("*.example.com", "*.com")).isEqualTo("*.example.com");
        assertThat(Hostnames.intersect("*.com", "*.example.com")).isEqualTo("*.example.com");
        assertThat(Hostnames.intersect("*.wildcard.io", "*.anotherwildcard.io")).isNull();
    }

    @Test
    void wildcardCoversOneOrMoreLabelsButNotTheBareSuffix() {
        assertThat(Hostnames.covers("*.example.com", "a.example.com")).isTrue();
        assertThat(Hostnames.covers("*.example.com", "a.b.example.com")).isTrue();
        assertThat(Hostnames.covers("*.example.com", "example.com")).isFalse();
        assertThat(Hostnames.covers("*.example.com", "badexample.com")).isFalse();
    }

    @Test
    void ordersExactNamesThenLongerWildcardsThenAnyHost() {
        List<String> hosts = new ArrayList<>(List.of("*", "*.com", "b.example.com", "*.example.com", "a.example.com"));
        hosts.sort(Hostnames.MOST_SPECIFIC_FIRST);
        assertThat(hosts).containsExactly("a.example.com", "b.example.com", "*.example.com", "*.com", "*");
    }

    @Test
    void validatesRfc1123NamesWithAnOptionalLeadingWildcard() {
        assertThat(Hostnames.isValid("*.example.com")).isTrue();
        assertThat(Hostnames.isValid("a-b.example.com")).isTrue();
        assertThat(Hostnames.isValid("a.*.com")).isFalse();
        assertThat(Hostnames.isValid("-a.com")).isFalse();
    }
}
