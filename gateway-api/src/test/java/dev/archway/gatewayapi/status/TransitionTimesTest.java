package dev.archway.gatewayapi.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionTimesTest {
    private static ResourceStatus route(String status, String time) {
        Condition c = new Condition();
        c.setType("Accepted");
        c.setStatus(status);
        c.setLastTransitionTime(time);
        return new ResourceStatus("gateway.networking.k8s.io/v1", "HTTPRoute",
                new ResourceStatus.Metadata("default", "r", 1L), null, List.of(c));
    }

    @Test
    void keepsTheTimeOfAConditionWhoseStatusDidNotChange() {
        StatusReport before = new StatusReport(List.of(route("True", "2026-01-01T00:00:00Z")));
        StatusReport after = TransitionTimes.carryOver(before, new StatusReport(List.of(route("True", "2026-02-01T00:00:00Z"))));
        assertThat(after.resources().get(0).conditions().get(0).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void takesTheNewTimeWhenTheStatusChanged() {
        StatusReport before = new StatusReport(List.of(route("True", "2026-01-01T00:00:00Z")));
        StatusReport after = TransitionTimes.carryOver(before, new StatusReport(List.of(route("False", "2026-02-01T00:00:00Z"))));
        assertThat(after.resources().get(0).conditions().get(0).getLastTransitionTime()).isEqualTo("2026-02-01T00:00:00Z");
    }
}
