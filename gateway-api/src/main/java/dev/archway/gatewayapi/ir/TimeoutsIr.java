package dev.archway.gatewayapi.ir;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;

/**
 * Gateway API rule timeouts. A null field means no limit.
 *
 * @param request from the start of the request to the end of the response headers (504 past it)
 * @param backendRequest for one request to a backend (504 past it)
 */
public record TimeoutsIr(
        @JsonSerialize(using = ToStringSerializer.class) Duration request,
        @JsonSerialize(using = ToStringSerializer.class) Duration backendRequest) {
    public static final TimeoutsIr NONE = new TimeoutsIr(null, null);
}
