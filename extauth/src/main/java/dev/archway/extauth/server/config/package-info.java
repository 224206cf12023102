/**
 * The {@code ExtAuthServerConfig} file: read strictly, every problem with its field path, into
 * immutable records ({@link dev.archway.extauth.server.config.ExtAuthServerConfig} and one
 * {@link dev.archway.extauth.server.config.AuthConfig} per named config).
 *
 * <p>Starting point: {@link dev.archway.extauth.server.config.ConfigReader} ({@code load} for the
 * server, which also needs the digests of the files read; {@code read} for validation).
 */
package dev.archway.extauth.server.config;
