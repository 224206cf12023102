package dev.archway.gatewayapi.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One complete read of all files, with the memory that makes reads build on each other: the last
 * good text of each file, and the {@link ObjectHistory}.
 *
 * <p>A file is used whole or not at all. When it has a problem, its last good text is read
 * instead, so that a half-saved or mistyped file does not take down what it configured; the
 * problem is still reported. Deleting a file forgets it.
 */
final class FileSetReader {
    private final ConfigFiles files;
    private final YamlResourceReader reader = new YamlResourceReader();
    private final ObjectHistory history = new ObjectHistory();
    private Map<Path, String> lastGood = new HashMap<>();

    FileSetReader(ConfigFiles files) {
        this.files = requireNonNull(files, "files");
    }

    synchronized SourceUpdate read() {
        ConfigFiles.Listing listing = files.list();
        List<SourceProblem> problems = new ArrayList<>(listing.problems());
        List<ParsedResource> resources = new ArrayList<>();
        Map<Path, String> good = new HashMap<>();
        for (ConfigFiles.ConfigFile file : listing.files()) {
            Path key = file.path().toAbsolutePath().normalize();
            String text;
            YamlResourceReader.Result result;
            try {
                text = Files.readString(file.path(), StandardCharsets.UTF_8);
                result = reader.read(text, file.label());
            } catch (NoSuchFileException e) {
                // Deleted between listing and reading; the event for it will trigger the next read.
                continue;
            } catch (IOException | RuntimeException e) {
                // RuntimeException too: a parser bug on one file must not stop the others being read.
                text = null;
                result = new YamlResourceReader.Result(List.of(), List.of(
                        new SourceProblem(file.label(), 0, 0, "cannot read: " + ReadProblems.describeIo(e))));
            }
            if (result.problems().isEmpty()) {
                good.put(key, text);
                resources.addAll(result.resources());
                continue;
            }
            problems.addAll(result.problems());
            String previous = lastGood.get(key);
            if (previous != null) {
                good.put(key, previous);
                // Parsed again rather than cached as objects: the history stamps metadata, and a
                // stamped object would look like one whose file sets generation explicitly.
                resources.addAll(reader.read(previous, file.label()).resources());
            }
        }
        lastGood = good;
        // A file that is gone takes its parsed documents with it.
        reader.retainFiles(listing.files().stream().map(ConfigFiles.ConfigFile::label).toList());
        List<ParsedResource> unique = ResourceSetAssembler.withoutDuplicates(resources, problems);
        history.stamp(unique);
        return new SourceUpdate(ResourceSetAssembler.assemble(unique), problems);
    }
}
