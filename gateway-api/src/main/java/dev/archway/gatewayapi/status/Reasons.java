package dev.archway.gatewayapi.status;

/**
 * Condition types and reasons, exactly as Gateway API v1.6 spells them. One place, so a typo
 * cannot create a reason that no client knows.
 */
public final class Reasons {
    // condition types
    public static final String ACCEPTED = "Accepted";
    public static final String PROGRAMMED = "Programmed";
    public static final String RESOLVED_REFS = "ResolvedRefs";
    public static final String CONFLICTED = "Conflicted";
    public static final String PARTIALLY_INVALID = "PartiallyInvalid";
    public static final String SUPPORTED_VERSION = "SupportedVersion";

    // positive reasons
    public static final String REASON_ACCEPTED = "Accepted";
    public static final String REASON_PROGRAMMED = "Programmed";
    public static final String REASON_RESOLVED_REFS = "ResolvedRefs";
    public static final String NO_CONFLICTS = "NoConflicts";
    public static final String REASON_SUPPORTED_VERSION = "SupportedVersion";

    // gateway and listener reasons
    public static final String INVALID = "Invalid";
    public static final String INVALID_PARAMETERS = "InvalidParameters";
    public static final String LISTENERS_NOT_VALID = "ListenersNotValid";
    public static final String UNSUPPORTED_ADDRESS = "UnsupportedAddress";
    public static final String UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";
    public static final String PROTOCOL_CONFLICT = "ProtocolConflict";
    public static final String HOSTNAME_CONFLICT = "HostnameConflict";
    public static final String INVALID_CERTIFICATE_REF = "InvalidCertificateRef";
    public static final String INVALID_ROUTE_KINDS = "InvalidRouteKinds";
    public static final String PENDING = "Pending";

    // route reasons
    public static final String NOT_ALLOWED_BY_LISTENERS = "NotAllowedByListeners";
    public static final String NO_MATCHING_LISTENER_HOSTNAME = "NoMatchingListenerHostname";
    public static final String NO_MATCHING_PARENT = "NoMatchingParent";
    public static final String UNSUPPORTED_VALUE = "UnsupportedValue";
    public static final String REF_NOT_PERMITTED = "RefNotPermitted";
    public static final String INVALID_CA_CERTIFICATE_REF = "InvalidCACertificateRef";
    public static final String INVALID_CA_CERTIFICATE_KIND = "InvalidCACertificateKind";
    public static final String NO_VALID_CA_CERTIFICATE = "NoValidCACertificate";
    /** Gateway condition type: some listener lets clients in without a valid certificate. */
    public static final String INSECURE_FRONTEND_VALIDATION_MODE = "InsecureFrontendValidationMode";
    public static final String CONFIGURATION_CHANGED = "ConfigurationChanged";
    public static final String INVALID_KIND = "InvalidKind";
    public static final String BACKEND_NOT_FOUND = "BackendNotFound";
    /** A ref to an Archway object that exists but cannot serve (e.g. a GraphQLApi with schema errors). */
    public static final String INVALID_BACKEND = "InvalidBackend";

    // policy reasons (GEP-713)
    public static final String REASON_CONFLICTED = "Conflicted";
    public static final String TARGET_NOT_FOUND = "TargetNotFound";

    private Reasons() {}
}
