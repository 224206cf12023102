package dev.archway.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code archway}: the main class of the fat jar. */
@Command(name = "archway", mixinStandardHelpOptions = true, versionProvider = ArchwayCommand.Version.class,
        description = "An edge API gateway implementing the Kubernetes Gateway API.",
        subcommands = {RunCommand.class, ValidateCommand.class, ExplainCommand.class, RateLimitServerCommand.class,
                ExtAuthServerCommand.class,
                CommandLine.HelpCommand.class})
public final class ArchwayCommand implements Runnable {

    public static void main(String[] args) {
        // `run` returns only when it failed to start; it serves until SIGTERM ends the process.
        System.exit(new CommandLine(new ArchwayCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ArchwayCommand.class.getPackage().getImplementationVersion();
            return new String[] {"archway " + (version == null ? "(development build)" : version)};
        }
    }
}
