package dev.archway.wasm.abi;

/** Guest log levels in ABI order: {@code proxy_log(level, ...)} passes the ordinal. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    CRITICAL;

    /** The level for an ABI number; numbers past the end read as CRITICAL. */
    public static LogLevel of(int level) {
        LogLevel[] all = values();
        return level < 0 ? TRACE : all[Math.min(level, all.length - 1)];
    }
}
