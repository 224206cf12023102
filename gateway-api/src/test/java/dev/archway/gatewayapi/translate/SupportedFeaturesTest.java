package dev.archway.gatewayapi.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportedFeaturesTest {
    @Test
    void theAdvertisedFeaturesAreSortedUniqueAndLeaveOutWhatIsNotImplemented() {
        List<String> sorted = new ArrayList<>(SupportedFeatures.NAMES);
        sorted.sort(String::compareTo);
        assertThat(SupportedFeatures.NAMES).isEqualTo(sorted).doesNotHaveDuplicates();
        assertThat(SupportedFeatures.NAMES).contains("Gateway", "HTTPRoute", "ReferenceGrant")
                .doesNotContain("TLSRoute", "GatewayBackendClientCertificate", "GatewayStaticAddresses");
    }
}
