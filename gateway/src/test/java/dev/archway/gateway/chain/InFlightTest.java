package dev.archway.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightTest {
    @Test
    void retiredIdleCounterRunsItsActionOnceAndAdmitsNobodyAfter() {
        InFlight inFlight = new InFlight();
        AtomicInteger runs = new AtomicInteger();
        inFlight.retire(runs::incrementAndGet);
        inFlight.retire(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
        assertThat(inFlight.tryEnter()).isFalse();
    }

    @Test
    void retiredCounterWaitsForTheLastExit() {
        InFlight inFlight = new InFlight();
        AtomicInteger runs = new AtomicInteger();
        assertThat(inFlight.tryEnter()).isTrue();
        assertThat(inFlight.tryEnter()).isTrue();
        inFlight.retire(runs::incrementAndGet);
        inFlight.exit();
        assertThat(runs).hasValue(0);
        assertThat(inFlight.tryEnter()).isTrue();
        inFlight.exit();
        inFlight.exit();
        assertThat(runs).hasValue(1);
        assertThat(inFlight.current()).isZero();
    }

    @Test
    void activeCounterNeverRunsAnything() {
        InFlight inFlight = new InFlight();
        assertThat(inFlight.tryEnter()).isTrue();
        inFlight.exit();
        assertThat(inFlight.tryEnter()).isTrue();
        assertThat(inFlight.current()).isEqualTo(1);
    }
}
