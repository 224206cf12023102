package dev.archway.wasm.abi;

/** The enumerations of the proxy-wasm ABI, with the numbers guests use. */
public final class AbiTypes {

    /** {@code proxy_*_header_map_*} map types. */
    public static final int MAP_REQUEST_HEADERS = 0;
    public static final int MAP_REQUEST_TRAILERS = 1;
    public static final int MAP_RESPONSE_HEADERS = 2;
    public static final int MAP_RESPONSE_TRAILERS = 3;
    public static final int MAP_HTTP_CALL_RESPONSE_HEADERS = 6;
    public static final int MAP_HTTP_CALL_RESPONSE_TRAILERS = 7;

    /** {@code proxy_get_buffer_bytes} buffer types. */
    public static final int BUFFER_REQUEST_BODY = 0;
    public static final int BUFFER_RESPONSE_BODY = 1;
    public static final int BUFFER_HTTP_CALL_RESPONSE_BODY = 4;
    public static final int BUFFER_VM_CONFIGURATION = 6;
    public static final int BUFFER_PLUGIN_CONFIGURATION = 7;

    /** {@code proxy_continue_stream} / {@code proxy_close_stream} stream types. */
    public static final int STREAM_REQUEST = 0;
    public static final int STREAM_RESPONSE = 1;

    /** What an HTTP callback returns: go on, or stop until the guest continues the stream. */
    public static final int ACTION_CONTINUE = 0;
    public static final int ACTION_PAUSE = 1;

    /** {@code proxy_define_metric} types. */
    public static final int METRIC_COUNTER = 0;
    public static final int METRIC_GAUGE = 1;
    public static final int METRIC_HISTOGRAM = 2;

    private AbiTypes() {}
}
