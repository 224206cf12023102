package dev.archway.plugins.registry;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.builtin.cors.CorsFilterFactory;
import dev.archway.plugins.builtin.direct.DirectResponseFactory;
import dev.archway.plugins.builtin.graphql.api.GraphQLApiFactory;
import dev.archway.plugins.builtin.graphql.protect.GraphQLProtectionFactory;
import dev.archway.plugins.builtin.headers.RequestHeaderModifierFactory;
import dev.archway.plugins.builtin.headers.ResponseHeaderModifierFactory;
import dev.archway.plugins.builtin.jwt.JwtFilterFactory;
import dev.archway.plugins.builtin.mirror.RequestMirrorFactory;
import dev.archway.plugins.builtin.redirect.RequestRedirectFactory;
import dev.archway.plugins.builtin.rewrite.UrlRewriteFactory;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.HttpFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The factories by kind, immutable once built. One kind has exactly one factory: two jars claiming
 * the same kind is a packaging error reported at startup, never a silent winner.
 */
public final class FilterRegistry {
    private final Map<String, FilterFactory<?>> factories;

    private FilterRegistry(Map<String, FilterFactory<?>> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** The built-in filters plus those found with {@link ServiceLoader} on the context class loader. */
    public static FilterRegistry withBuiltIns() {
        return withBuiltIns(Thread.currentThread().getContextClassLoader());
    }

    /** The built-in filters plus those found with {@link ServiceLoader} in {@code loader}. */
    public static FilterRegistry withBuiltIns(ClassLoader loader) {
        List<FilterFactory<?>> all = new ArrayList<>(builtIns());
        for (FilterFactory<?> factory : ServiceLoader.load(FilterFactory.class, loader)) {
            all.add(factory);
        }
        return of(all);
    }

    /**
     * Exactly {@code factories}.
     *
     * @throws IllegalStateException when two factories declare the same kind
     */
    public static FilterRegistry of(List<? extends FilterFactory<?>> factories) {
        requireNonNull(factories, "factories");
        Map<String, FilterFactory<?>> byKind = new TreeMap<>();
        for (FilterFactory<?> factory : factories) {
            requireNonNull(factory, "factory");
            String kind = requireNonNull(factory.kind(), () -> factory.getClass().getName() + ".kind()");
            FilterFactory<?> previous = byKind.putIfAbsent(kind, factory);
            if (previous != null) {
                throw new IllegalStateException("filter kind '" + kind + "' is declared by both "
                        + previous.getClass().getName() + " and " + factory.getClass().getName()
                        + " (expected: each kind declared by one factory)");
            }
        }
        return new FilterRegistry(byKind);
    }

    private static List<FilterFactory<?>> builtIns() {
        return List.of(new RequestHeaderModifierFactory(), new ResponseHeaderModifierFactory(),
                new RequestRedirectFactory(), new UrlRewriteFactory(), new RequestMirrorFactory(),
                new DirectResponseFactory(), new CorsFilterFactory(), new JwtFilterFactory(),
                new GraphQLProtectionFactory(), new GraphQLApiFactory());
    }

    public Optional<FilterFactory<?>> find(String kind) {
        return kind == null ? Optional.empty() : Optional.ofNullable(factories.get(kind));
    }

    /** The registered kinds, sorted. */
    public SortedSet<String> kinds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(factories.keySet()));
    }

    /**
     * Problems with {@code config} for {@code kind}, each naming its field; empty when the config
     * is good. Never throws: a factory whose validation throws is reported as a problem, because
     * config errors must reach the user as status, not as a crash.
     */
    public List<String> validate(String kind, Object config) {
        return find(kind)
                .map(factory -> validateWith(factory, config))
                .orElseGet(() -> List.of("unknown filter kind '" + kind + "'"));
    }

    private static <C> List<String> validateWith(FilterFactory<C> factory, Object config) {
        Class<C> type = factory.configType();
        if (config == null) {
            return List.of("config: missing (expected: " + type.getName() + " for kind '" + factory.kind() + "')");
        }
        if (!type.isInstance(config)) {
            return List.of("config: " + config.getClass().getName() + " (expected: " + type.getName()
                    + " for kind '" + factory.kind() + "')");
        }
        try {
            return List.copyOf(factory.validate(type.cast(config)));
        } catch (RuntimeException e) {
            return List.of("config: validation of kind '" + factory.kind() + "' failed: " + e);
        }
    }

    /**
     * Builds the filter for {@code kind}; call {@link #validate} first, as a bad config here is a
     * programming error.
     *
     * @throws IllegalArgumentException when the kind is unknown or the config has the wrong type
     */
    public HttpFilter create(String kind, Object config, FilterBuildContext context) {
        FilterFactory<?> factory = find(kind).orElseThrow(
                () -> new IllegalArgumentException("unknown filter kind '" + kind + "'"));
        return createWith(factory, config, context);
    }

    private static <C> HttpFilter createWith(FilterFactory<C> factory, Object config, FilterBuildContext context) {
        Class<C> type = factory.configType();
        if (!type.isInstance(config)) {
            throw new IllegalArgumentException("config: " + (config == null ? "null" : config.getClass().getName())
                    + " (expected: " + type.getName() + " for kind '" + factory.kind() + "')");
        }
        return factory.create(type.cast(config), context);
    }
}
