package dev.archway.plugins.builtin.graphql.guard;

/**
 * A check that refuses the request, thrown from deep in a walk and turned into
 * {@link GuardResult.Rejected} at the top. No stack trace: it is an ordinary outcome.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    Refusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    GuardResult.Rejected rejected() {
        return new GuardResult.Rejected(status, code, getMessage());
    }
}
