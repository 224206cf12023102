package dev.archway.gatewayapi.ir;

/** One upstream address; {@code host} is an IP literal or a DNS name. */
public record EndpointIr(String host, int port) {
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
