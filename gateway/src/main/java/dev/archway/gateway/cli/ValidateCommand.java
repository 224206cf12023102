package dev.archway.gateway.cli;

import dev.archway.gatewayapi.status.StatusReport;
import dev.archway.plugins.registry.FilterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code archway validate -c PATH...}: translate as {@code run} would and print every resource's
 * conditions; exit 1 when any condition reports a problem (False, or True for negative-polarity
 * types such as Conflicted) or a file could not be read.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Translate the config and print every resource's conditions; exit 1 if any is False.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "PATH", required = true,
            description = "A YAML file, or a directory of *.yaml files; repeatable.")
    List<Path> configs;

    @Override
    public Integer call() {
        Configs.Read read = Configs.readAndTranslate(configs, FilterRegistry.withBuiltIns());
        StatusReport report = read.translation().status();
        var out = spec.commandLine().getOut();
        out.print(StatusTable.render(report.resources(), read.update().problems()));
        out.flush();
        return report.anyProblem() || !read.update().problems().isEmpty() ? 1 : 0;
    }
}
