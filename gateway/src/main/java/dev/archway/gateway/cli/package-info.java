/**
 * The command line: {@code archway run}, {@code archway validate} and {@code archway explain}.
 *
 * <p>Starting points: {@link dev.archway.gateway.cli.ArchwayCommand} (the main class),
 * {@link dev.archway.gateway.cli.RunCommand} (wires source, translator, data plane and admin),
 * {@link dev.archway.gateway.cli.Explainer} (why a request gets the route it gets).
 */
package dev.archway.gateway.cli;
