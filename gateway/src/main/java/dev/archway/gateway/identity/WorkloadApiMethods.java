package dev.archway.gateway.identity;

import io.spiffe.workloadapi.grpc.Workload.X509SVIDRequest;
import io.spiffe.workloadapi.grpc.Workload.X509SVIDResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;

/**
 * The SPIFFE Workload API's X.509 stream, {@code SpiffeWorkloadAPI/FetchX509SVID} (server
 * streaming), for Vert.x gRPC with the protobuf messages java-spiffe publishes.
 */
public final class WorkloadApiMethods {
    public static final ServiceName SERVICE = ServiceName.create("SpiffeWorkloadAPI");
    public static final String FETCH_X509_SVID = "FetchX509SVID";
    /** Every call carries it; a Workload API server refuses calls without (SSRF protection). */
    public static final String SECURITY_HEADER = "workload.spiffe.io";

    public static final ServiceMethod<X509SVIDResponse, X509SVIDRequest> CLIENT = ServiceMethod.client(
            SERVICE, FETCH_X509_SVID, GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(X509SVIDResponse.newBuilder()));

    public static final ServiceMethod<X509SVIDRequest, X509SVIDResponse> SERVER = ServiceMethod.server(
            SERVICE, FETCH_X509_SVID, GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(X509SVIDRequest.newBuilder()));

    private WorkloadApiMethods() {}
}
