/**
 * The proxy-wasm guest modules that tests of the host load: compiled from AssemblyScript by the
 * build, never committed as binaries.
 *
 * <p>Starting points: {@link dev.archway.wasm.guests.GuestModules} (where each module is, which
 * root ids it registers; {@code src/test/assemblyscript/README.md} says what each root does and
 * which configuration it takes), {@code GuestModulesTest} (the ABI every module must keep).
 */
package dev.archway.wasm.guests;
