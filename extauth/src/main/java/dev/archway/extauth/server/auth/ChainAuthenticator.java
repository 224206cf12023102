package dev.archway.extauth.server.auth;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code anyOf} / {@code allOf}: members tried in order, one at a time (a cheap API key check
 * first spares a bcrypt or an introspection call).
 *
 * <ul>
 *   <li>anyOf: the first member that allows decides. When none allows, a member that could not
 *       decide makes the whole fail (it might have allowed); otherwise the denial is the first one
 *       about credentials that were presented, else the first, with every member's challenge.</li>
 *   <li>allOf: the first denial or failure decides; when all allow, their upstream headers
 *       combine (a later member's value wins).</li>
 * </ul>
 * Either way an allowed request loses every member's owned headers but those the verdict sets,
 * so no credential of the chain reaches the upstream and no member's identity header is forged.
 */
final class ChainAuthenticator implements Authenticator {
    private final boolean all;
    private final List<Authenticator> members;
    private final Set<String> owned = new LinkedHashSet<>();

    ChainAuthenticator(boolean all, List<Authenticator> members) {
        this.all = all;
        this.members = List.copyOf(members);
        members.forEach(member -> owned.addAll(member.ownedHeaders()));
    }

    @Override
    public Future<Verdict> check(AuthRequest request) {
        return all ? allOf(request, 0, null) : anyOf(request, 0, null, null);
    }

    private Future<Verdict> anyOf(AuthRequest request, int index, Verdict denied, Throwable failure) {
        if (index == members.size()) {
            return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(denied);
        }
        return members.get(index).check(request).transform(ar -> {
            if (ar.failed()) {
                return anyOf(request, index + 1, denied, failure == null ? ar.cause() : failure);
            }
            Verdict verdict = ar.result();
            if (verdict.allowed()) {
                return Future.succeededFuture(verdict.removing(owned));
            }
            Verdict keep;
            if (denied == null) {
                keep = verdict;
            } else if (Verdict.MISSING_CREDENTIALS.equals(denied.reason())
                    && !Verdict.MISSING_CREDENTIALS.equals(verdict.reason())) {
                keep = verdict.challenging(denied.challenges());
            } else {
                keep = denied.challenging(verdict.challenges());
            }
            return anyOf(request, index + 1, keep, failure);
        });
    }

    private Future<Verdict> allOf(AuthRequest request, int index, Verdict allowed) {
        if (index == members.size()) {
            return Future.succeededFuture(allowed.removing(owned));
        }
        return members.get(index).check(request).compose(verdict -> {
            if (!verdict.allowed()) {
                return Future.succeededFuture(verdict);
            }
            return allOf(request, index + 1, allowed == null ? verdict : combine(allowed, verdict));
        });
    }

    private static Verdict combine(Verdict first, Verdict then) {
        Map<String, String> headers = new LinkedHashMap<>(first.upstreamHeaders());
        headers.putAll(then.upstreamHeaders());
        Set<String> remove = new LinkedHashSet<>(first.removeHeaders());
        remove.addAll(then.removeHeaders());
        return Verdict.allow(then.reason(), headers, remove);
    }

    @Override
    public Set<String> ownedHeaders() {
        return owned;
    }
}
