/**
 * Calling a side service over gRPC from the gateway: one unary call with a deadline that covers
 * connecting, and the one failure type the filters' failOpen logic reads.
 */
package dev.archway.sidekit.grpc;
