package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A fixed answer from the gateway, referenced from an HTTPRoute rule by an ExtensionRef filter. */
public class DirectResponse extends ArchwayResource<DirectResponse.Spec> {
    public static final String KIND = "DirectResponse";

    @Override
    public String getKind() {
        return KIND;
    }

    /** {@code spec}: status (100-599), optional body and headers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Integer status, String body, List<Header> headers) {}

    /** A response header. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Header(String name, String value) {}
}
