package dev.archway.gatewayapi.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the API server's part for {@code metadata.generation} and
 * {@code metadata.creationTimestamp}, which the translator relies on (observedGeneration in
 * status; the oldest route wins a conflict), across the reloads of one source.
 *
 * <ul>
 *   <li>generation is 1 when an object first appears and goes up by one each time what it asks
 *       for changes: its {@code spec}, or, for kinds without one (Secret, ConfigMap, Namespace,
 *       EndpointSlice), everything outside {@code metadata}. Label or annotation edits leave it.
 *   <li>creationTimestamp is set when an object first appears, from a counter rather than the
 *       clock: a fixed epoch plus one second per newly seen object in read order. Older objects
 *       sort first and a given sequence of reads always gives the same times.
 *   <li>values written in the file win: an explicit generation or creationTimestamp is kept.
 *   <li>an object that disappears is forgotten; if it comes back it starts again at generation 1
 *       with a new creation time, as after a delete and re-create.
 * </ul>
 *
 * <p>Not thread-safe; the owning source serializes its reads.
 */
final class ObjectHistory {
    /** The first creation time handed out; arbitrary but fixed so that output is reproducible. */
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final ObjectMapper canonicalMapper = new ObjectMapper();
    private Map<ObjectKey, Entry> entries = new HashMap<>();
    private long created;

    /** @param object the instance last seen: an identical instance next time needs no new tree */
    private record Entry(JsonNode desired, long generation, String creationTimestamp, Object object) {}

    /**
     * Sets generation and creation time on {@code resources} (one read, in read order, without
     * duplicates) and remembers them for the next read. Mutates the objects' metadata: it must be
     * handed freshly parsed objects, or the very instances it stamped last time (a document that
     * did not change), which it stamps again with the same values.
     */
    void stamp(List<ParsedResource> resources) {
        Map<ObjectKey, Entry> next = new HashMap<>();
        for (ParsedResource resource : resources) {
            ObjectKey key = resource.key();
            ObjectMeta metadata = resource.object().getMetadata();
            Entry previous = entries.get(key);
            // The reader hands back the same instance for a document whose text did not change.
            JsonNode desired = previous != null && previous.object() == resource.object()
                    ? previous.desired() : desiredState(resource);
            long generation;
            String creationTimestamp;
            if (previous == null) {
                generation = 1;
                creationTimestamp = EPOCH.plusSeconds(created++).toString();
            } else {
                generation = previous.desired().equals(desired) ? previous.generation() : previous.generation() + 1;
                creationTimestamp = previous.creationTimestamp();
            }
            if (metadata.getGeneration() != null) {
                generation = metadata.getGeneration();
            } else {
                metadata.setGeneration(generation);
            }
            if (metadata.getCreationTimestamp() == null || metadata.getCreationTimestamp().isEmpty()) {
                metadata.setCreationTimestamp(creationTimestamp);
            }
            next.put(key, new Entry(desired, generation, creationTimestamp, resource.object()));
        }
        entries = next;
    }

    /** The part of an object whose changes bump its generation, in a form that compares by value. */
    private JsonNode desiredState(ParsedResource resource) {
        JsonNode tree = canonicalMapper.valueToTree(resource.object());
        if (resource.kind().hasSpec()) {
            return tree.path("spec");
        }
        if (tree instanceof ObjectNode object) {
            // apiVersion and kind are not content: the same Secret may be written either way.
            object.remove(List.of("metadata", "apiVersion", "kind"));
        }
        return tree;
    }
}
