package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.HttpFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The built filters of a route (or of one backendRef), in run order: by stage, then config order.
 * Immutable; shared by every request on the route.
 */
public final class FilterChain {
    public static final FilterChain EMPTY = new FilterChain(List.of());

    private final List<FilterLink> links;
    private final boolean buffersBody;

    FilterChain(List<FilterLink> links) {
        this.links = List.copyOf(links);
        this.buffersBody = links.stream().anyMatch(FilterLink::buffersBody);
    }

    /**
     * Validates and builds {@code specs}. Problems are added to {@code errors}, each prefixed with
     * the filter's name and kind; the returned chain is only usable when none were added.
     */
    public static FilterChain build(List<FilterSpec> specs, FilterRegistry registry, FilterBuildContext context,
            List<String> errors) {
        requireNonNull(context, "context");
        return build(specs, registry, spec -> context, errors);
    }

    /** As {@link #build(List, FilterRegistry, FilterBuildContext, List)}, with a context per filter (its own metrics). */
    public static FilterChain build(List<FilterSpec> specs, FilterRegistry registry,
            Function<FilterSpec, FilterBuildContext> contexts, List<String> errors) {
        requireNonNull(specs, "specs");
        requireNonNull(registry, "registry");
        requireNonNull(errors, "errors");
        if (specs.isEmpty()) {
            return EMPTY;
        }
        List<FilterLink> links = new ArrayList<>(specs.size());
        for (FilterSpec spec : specs) {
            String where = spec.name() + " (" + spec.kind() + ")";
            FilterFactory<?> factory = registry.find(spec.kind()).orElse(null);
            if (factory == null) {
                errors.add(where + ": unknown filter kind (known: " + registry.kinds() + ")");
                continue;
            }
            List<String> problems = registry.validate(spec.kind(), spec.config());
            if (!problems.isEmpty()) {
                problems.forEach(problem -> errors.add(where + ": " + problem));
                continue;
            }
            try {
                HttpFilter filter = registry.create(spec.kind(), spec.config(), contexts.apply(spec));
                if (filter == null) {
                    errors.add(where + ": factory returned no filter");
                    continue;
                }
                links.add(new FilterLink(spec.name(), spec.kind(), factory.stage(), filter));
            } catch (RuntimeException e) {
                // A factory refusing its config says why in the message; anything else is a bug: show its type.
                errors.add(where + ": cannot build: " + (e instanceof IllegalArgumentException ? e.getMessage() : e));
            }
        }
        // List.sort is stable: within a stage the config order stays.
        links.sort(Comparator.comparing(FilterLink::stage));
        return new FilterChain(links);
    }

    public List<FilterLink> links() {
        return links;
    }

    /** Whether a filter of this chain needs the whole request body. */
    public boolean buffersBody() {
        return buffersBody;
    }
}
