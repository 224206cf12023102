package dev.archway.extauth.server.auth;

/** A config could not decide because something it depends on failed: answered UNAVAILABLE / 503. */
public final class AuthUnavailableException extends RuntimeException {
    public AuthUnavailableException(String message) {
        super(message, null, false, false);
    }
}
