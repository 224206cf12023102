package dev.archway.gateway.cli;

import dev.archway.gateway.runtime.RegistryFilterCatalog;
import dev.archway.gatewayapi.source.FileSource;
import dev.archway.gatewayapi.source.SourceUpdate;
import dev.archway.gatewayapi.translate.Translation;
import dev.archway.gatewayapi.translate.Translator;
import dev.archway.gatewayapi.translate.TranslatorOptions;
import dev.archway.plugins.registry.FilterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the commands share: reading the files once and translating them the way {@code run} does. */
final class Configs {
    static final String QUICKSTART_RESOURCE = "/quickstart/quickstart.yaml";

    private Configs() {}

    static Translator translator(FilterRegistry registry) {
        return new Translator(TranslatorOptions.standalone(new RegistryFilterCatalog(registry)));
    }

    /** The files once, and their translation. */
    record Read(SourceUpdate update, Translation translation) {}

    static Read readAndTranslate(List<Path> paths, FilterRegistry registry) {
        SourceUpdate update;
        try (FileSource source = new FileSource(paths)) {
            update = source.readOnce();
        }
        return new Read(update, translator(registry).translate(update.resources(), Instant.now()));
    }

    /** The bundled quickstart config, copied to a temporary directory (deleted on exit). */
    static Path extractQuickstart() {
        try (InputStream in = Configs.class.getResourceAsStream(QUICKSTART_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled quickstart (" + QUICKSTART_RESOURCE + ") is missing from the jar");
            }
            Path dir = Files.createTempDirectory("archway-quickstart");
            Path file = dir.resolve("quickstart.yaml");
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the quickstart config", e);
        }
    }
}
