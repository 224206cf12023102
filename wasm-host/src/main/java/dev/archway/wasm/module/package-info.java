/**
 * Getting a module's bytes (file or URL, SHA-256 checked) and compiling them once to JVM bytecode.
 *
 * <p>Starting points: {@link dev.archway.wasm.module.ModuleCompiler}.
 */
package dev.archway.wasm.module;
