package dev.archway.wasm.testkit;

import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.Attributes;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.RequestHead;
import dev.archway.plugins.spi.ResponseHead;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.IdentityHashMap;
import java.util.Map;

/** One exchange in memory, as the gateway would present it to a filter. */
final class KitExchangeContext implements HttpFilterContext {
    private final KitRequest request;
    private final KitResponse response = new KitResponse();
    private final Context eventLoop;
    private final Map<AttributeKey<?>, Object> attributes = new IdentityHashMap<>();
    private Buffer requestBody;

    KitExchangeContext(KitRequest request, Context eventLoop) {
        this.request = request;
        this.eventLoop = eventLoop;
    }

    @Override
    public KitRequest request() {
        return request;
    }

    @Override
    public KitResponse response() {
        return response;
    }

    @Override
    public Attributes attributes() {
        return new Attributes() {
            @Override
            public <T> T get(AttributeKey<T> key) {
                return key.type().cast(attributes.get(key));
            }

            @Override
            public <T> void set(AttributeKey<T> key, T value) {
                attributes.put(key, value);
            }
        };
    }

    @Override
    public String routeName() {
        return "httproute/default/plugin-test/rule/0/match/0";
    }

    @Override
    public Context eventLoop() {
        return eventLoop;
    }

    @Override
    public void replaceRequestBody(Buffer body) {
        this.requestBody = body;
    }

    Buffer replacedBody() {
        return requestBody;
    }

    @Override
    public void observeRequestBody(Handler<Buffer> chunk, Handler<Void> end) {
        end.handle(null);
    }

    static final class KitRequest implements RequestHead {
        private final String method;
        private String authority;
        private String path;
        private String query;
        private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        private String remoteAddress = "127.0.0.1";

        KitRequest(String method, String authority, String pathAndQuery) {
            this.method = method;
            this.authority = authority;
            int q = pathAndQuery.indexOf('?');
            this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            this.query = q < 0 ? null : pathAndQuery.substring(q + 1);
        }

        void remoteAddress(String address) {
            this.remoteAddress = address;
        }

        private dev.archway.plugins.spi.ClientCertificate clientCertificate;

        void clientCertificate(dev.archway.plugins.spi.ClientCertificate certificate) {
            this.clientCertificate = certificate;
        }

        @Override
        public dev.archway.plugins.spi.ClientCertificate clientCertificate() {
            return clientCertificate;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String host() {
            int colon = authority.lastIndexOf(':');
            return colon < 0 ? authority : authority.substring(0, colon);
        }

        @Override
        public String authority() {
            return authority;
        }

        @Override
        public void authority(String authority) {
            this.authority = authority;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public void path(String path) {
            this.path = path;
        }

        @Override
        public String query() {
            return query;
        }

        @Override
        public void query(String query) {
            this.query = query == null || query.isEmpty() ? null : query;
        }

        @Override
        public MultiMap headers() {
            return headers;
        }

        @Override
        public int listenerPort() {
            return 8080;
        }

        @Override
        public String remoteAddress() {
            return remoteAddress;
        }
    }

    static final class KitResponse implements ResponseHead {
        private int status;
        private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();

        @Override
        public int status() {
            return status;
        }

        @Override
        public void status(int status) {
            this.status = status;
        }

        @Override
        public MultiMap headers() {
            return headers;
        }
    }
}
