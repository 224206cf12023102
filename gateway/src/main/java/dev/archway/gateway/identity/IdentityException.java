package dev.archway.gateway.identity;

/** An SVID or bundle that cannot be used; the message says which and why. */
final class IdentityException extends Exception {
    IdentityException(String message) {
        super(message, null, false, false);
    }
}
