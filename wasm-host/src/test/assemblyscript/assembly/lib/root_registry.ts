// The root registry of the add-header example, which its entry points dispatch through.
export { registerRootContext } from "../../../../../examples/add-header/assembly/root_registry";
