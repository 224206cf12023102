/**
 * Guest instances: one per plugin per event loop, their start sequence, the contexts of the
 * exchanges they filter, their outgoing calls and timers, and the state plugins share.
 *
 * <p>Starting points: {@link dev.archway.wasm.vm.PluginVm}, {@link dev.archway.wasm.vm.VmSharedState},
 * {@link dev.archway.wasm.vm.GuestMetrics}.
 */
package dev.archway.wasm.vm;
