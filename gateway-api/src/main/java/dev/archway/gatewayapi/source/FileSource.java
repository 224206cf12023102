package dev.archway.gatewayapi.source;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Placeholder while the reader is written: files and directories of multi-document YAML, watched. */
public final class FileSource implements ConfigSource {
    private final List<Path> paths;

    public FileSource(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public void start(Consumer<SourceUpdate> listener) {
        listener.accept(readOnce());
    }

    @Override
    public SourceUpdate readOnce() {
        return new SourceUpdate(ResourceSet.empty(), List.of());
    }

    @Override
    public void close() {}
}
