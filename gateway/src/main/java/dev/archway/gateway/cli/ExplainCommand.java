package dev.archway.gateway.cli;

import dev.archway.plugins.registry.FilterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code archway explain -c PATH... 'GET http://host/path' [-H 'k: v']...}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show which listener, route, filters and backends a request would get, and why other routes lost.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "PATH", required = true,
            description = "A YAML file, or a directory of *.yaml files; repeatable.")
    List<Path> configs;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "A request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "'METHOD URL'", description = "The request, e.g. 'GET http://example.com/api'.")
    String request;

    @Override
    public Integer call() {
        FilterRegistry registry = FilterRegistry.withBuiltIns();
        Configs.Read read = Configs.readAndTranslate(configs, registry);
        var out = spec.commandLine().getOut();
        try {
            out.print(new Explainer(read.translation().snapshot(), registry).explain(request, headers));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        if (!read.update().problems().isEmpty()) {
            out.println();
            out.println("note: some files could not be read:");
            read.update().problems().forEach(p -> out.println("    " + p));
        }
        out.flush();
        return 0;
    }
}
