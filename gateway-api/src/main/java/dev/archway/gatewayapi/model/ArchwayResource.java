package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** Common shape of the Archway kinds: apiVersion, kind, metadata and a typed spec. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
// fabric8's HasMetadata carries a polymorphic deserializer; our kinds are read as themselves.
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
public abstract class ArchwayResource<S> implements HasMetadata {
    public static final String GROUP = "gateway.archway.dev";
    public static final String API_VERSION = GROUP + "/v1alpha1";

    private String apiVersion = API_VERSION;
    private ObjectMeta metadata;
    private S spec;

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    public S getSpec() {
        return spec;
    }

    public void setSpec(S spec) {
        this.spec = spec;
    }
}
