package dev.archway.gatewayapi.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resources from YAML files and directories, watched and hot-reloaded ({@code archway run -c}).
 *
 * <p><b>What is read.</b> Each path is a file, read whatever its name, or a directory, standing
 * for the regular {@code .yaml}/{@code .yml} files directly inside it (subdirectories are not
 * read; hidden files are skipped), in name order. Each file is a stream of {@code ---}-separated
 * documents of the kinds in {@link ResourceSet}; documents of other kinds are ignored, empty ones
 * skipped.
 *
 * <p><b>What the API server would do, done here.</b> Namespaced objects without a namespace go to
 * {@code default}; {@code metadata.generation} and {@code creationTimestamp} are kept across
 * reloads as the API server would (see {@link ObjectHistory}). Two definitions of the same
 * object: the first in reading order wins.
 *
 * <p><b>Mistakes.</b> A file that does not parse, or holds a document that cannot be read, is
 * reported as a {@link SourceProblem} with line, column and field path, and its last good content
 * stays in use. A file that never parsed contributes nothing.
 *
 * <p><b>Watching.</b> {@link #start} delivers the first update on the calling thread, then
 * delivers later ones on the {@code archway-config-watch} daemon thread (see
 * {@link ConfigWatcher}), only when resources or problems actually differ from the last update
 * delivered. {@link #close} stops that thread.
 */
public final class FileSource implements ConfigSource {
    private final ConfigFiles files;
    private final FileSetReader reader;
    private final ObjectMapper comparisonMapper = new ObjectMapper();
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;
    private ConfigWatcher watcher;
    private Consumer<SourceUpdate> listener;
    /** The last update delivered, as a tree: the model classes do not all implement equals. */
    private List<JsonNode> lastDelivered;
    /** The tree of each object of the last update, by instance. */
    private Map<Object, JsonNode> lastTrees = new IdentityHashMap<>();

    public FileSource(List<Path> paths) {
        requireNonNull(paths, "paths");
        paths.forEach(path -> requireNonNull(path, "paths[]"));
        this.files = new ConfigFiles(paths);
        this.reader = new FileSetReader(files);
    }

    @Override
    public void start(Consumer<SourceUpdate> listener) {
        requireNonNull(listener, "listener");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("FileSource is closed");
            }
            if (started) {
                throw new IllegalStateException("FileSource is already started");
            }
            started = true;
        }
        this.listener = listener;
        // Watching starts before the first read, so a change made during it is not missed.
        ConfigWatcher newWatcher = new ConfigWatcher(files, this::reloadAndDeliver);
        try {
            deliverIfChanged(reader.read());
        } catch (RuntimeException | Error e) {
            newWatcher.close();
            throw e;
        }
        synchronized (lifecycle) {
            if (closed) {
                newWatcher.close();
                return;
            }
            watcher = newWatcher;
            newWatcher.start();
        }
    }

    @Override
    public SourceUpdate readOnce() {
        return reader.read();
    }

    @Override
    public void close() {
        ConfigWatcher toClose;
        synchronized (lifecycle) {
            closed = true;
            toClose = watcher;
            watcher = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** Runs on the watch thread. */
    private void reloadAndDeliver() {
        deliverIfChanged(reader.read());
    }

    private void deliverIfChanged(SourceUpdate update) {
        List<JsonNode> current;
        try {
            current = comparable(update);
        } catch (IllegalArgumentException e) {
            current = null; // cannot compare: deliver, a redundant update is harmless
        }
        if (current != null && current.equals(lastDelivered)) {
            return;
        }
        lastDelivered = current;
        listener.accept(update);
    }

    /**
     * The update as values that compare by content: the problems, then each object as a tree.
     * An object the reader handed back unchanged (the same instance) reuses its tree, so a reload
     * of a large config converts only what changed.
     */
    private List<JsonNode> comparable(SourceUpdate update) {
        List<JsonNode> out = new ArrayList<>();
        out.add(comparisonMapper.valueToTree(update.problems()));
        Map<Object, JsonNode> trees = new IdentityHashMap<>();
        for (RecordComponent component : ResourceSet.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(update.resources());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(e);
            }
            out.add(comparisonMapper.valueToTree(component.getName()));
            if (value instanceof List<?> objects) {
                for (Object object : objects) {
                    JsonNode tree = lastTrees.get(object);
                    trees.put(object, tree != null ? tree : comparisonMapper.valueToTree(object));
                    out.add(trees.get(object));
                }
            } else {
                out.add(comparisonMapper.valueToTree(value));
            }
        }
        lastTrees = trees;
        return out;
    }
}
