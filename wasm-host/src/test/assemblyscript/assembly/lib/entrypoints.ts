// The proxy-wasm entry points and root registry of the add-header example, shared so that the
// example's dispatch is exercised by every test module (see its header for why it is not the SDK's).
export * from "../../../../../examples/add-header/assembly/entrypoints";
