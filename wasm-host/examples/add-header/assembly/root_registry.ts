// Which root context class serves which root id. Kept apart from entrypoints.ts because every
// function that file exports becomes a Wasm export the host sees; these are for the guest only.

import { RootContext } from "@solo-io/proxy-runtime";

const factories = new Map<string, (context_id: u32) => RootContext>();

/**
 * Makes rootId (the plugin's root_id, read from the property plugin_root_id) create its root
 * context with factory. Call it at the top level of the module, which runs when it is loaded.
 */
export function registerRootContext(factory: (context_id: u32) => RootContext, rootId: string): void {
  factories.set(rootId, factory);
}

export function registeredRootIds(): string[] {
  return factories.keys();
}

/** The factory of a registered root id; check registeredRootIds first. */
export function rootFactory(rootId: string): (context_id: u32) => RootContext {
  return factories.get(rootId);
}
