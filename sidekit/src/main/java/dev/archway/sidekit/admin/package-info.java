/** The admin endpoint of a side service: {@code /healthz}, {@code /ready}, {@code /metrics}. */
package dev.archway.sidekit.admin;
