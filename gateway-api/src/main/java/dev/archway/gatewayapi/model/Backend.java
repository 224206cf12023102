package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** An upstream that is not a Kubernetes Service: static hosts (VMs, external APIs). */
public class Backend extends ArchwayResource<Backend.Spec> {
    public static final String KIND = "Backend";

    @Override
    public String getKind() {
        return KIND;
    }

    /** {@code spec}: exactly one of the backend types (today: {@code static}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Static _static, String appProtocol) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Spec(
                @com.fasterxml.jackson.annotation.JsonProperty("static") Static _static,
                @com.fasterxml.jackson.annotation.JsonProperty("appProtocol") String appProtocol) {
            this._static = _static;
            this.appProtocol = appProtocol;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("static")
        public Static _static() {
            return _static;
        }
    }

    /** {@code spec.static}: a fixed list of hosts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Static(List<Host> hosts) {}

    /** One static host: a DNS name or IP literal, and a port. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Host(String host, Integer port) {}
}
