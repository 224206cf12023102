package dev.archway.wasm.abi;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;

/**
 * The guest's linear memory as host functions use it: bounds-checked reads, and values handed
 * back to the guest in memory the guest allocated ({@code proxy_on_memory_allocate}, or
 * {@code malloc} for SDKs that predate it), as the ABI requires.
 */
public final class GuestMemory {
    private Instance instance;
    private ExportFunction allocate;

    /**
     * Binds the memory to its instance. Host functions are linked before the instance exists,
     * so they hold this object and it learns its instance once it is built.
     */
    public void bind(Instance instance) {
        this.instance = instance;
        this.allocate = allocator(instance);
    }

    private static ExportFunction allocator(Instance instance) {
        for (String name : new String[] {"proxy_on_memory_allocate", "malloc"}) {
            try {
                if (instance.exportType(name) != null) {
                    return instance.export(name);
                }
            } catch (RuntimeException notExported) {
                // try the next name
            }
        }
        return null;
    }

    /** Whether the module exports an allocator; without one the host cannot return data. */
    public boolean canAllocate() {
        return allocate != null;
    }

    private Memory memory() {
        return instance.memory();
    }

    /** {@code size} bytes at {@code ptr}; throws {@link OutOfBounds} past the memory's end. */
    public byte[] read(int ptr, int size) {
        check(ptr, size);
        return size == 0 ? new byte[0] : memory().readBytes(ptr, size);
    }

    public String readString(int ptr, int size) {
        return new String(read(ptr, size), StandardCharsets.UTF_8);
    }

    public void writeI32(int ptr, int value) {
        check(ptr, 4);
        memory().writeI32(ptr, value);
    }

    public void writeI64(int ptr, long value) {
        check(ptr, 8);
        memory().writeLong(ptr, value);
    }

    /**
     * Copies {@code data} into freshly allocated guest memory and stores its address and length
     * at {@code retPtr} and {@code retSize}, as the ABI returns variable-sized values.
     */
    public void returnBytes(byte[] data, int retPtr, int retSize) {
        int address = copyIn(data);
        writeI32(retPtr, address);
        writeI32(retSize, data.length);
    }

    /** Copies {@code data} into guest memory it allocates; returns the address. */
    public int copyIn(byte[] data) {
        if (allocate == null) {
            throw new GuestFault("the module exports neither proxy_on_memory_allocate nor malloc");
        }
        // Some allocators answer 0 for a zero-sized request, which reads as a failure.
        long address = allocate.apply(Math.max(data.length, 1))[0];
        if (address == 0) {
            throw new GuestFault("the guest allocator returned null for " + data.length + " bytes");
        }
        int ptr = (int) address;
        check(ptr, data.length);
        if (data.length > 0) {
            memory().write(ptr, data);
        }
        return ptr;
    }

    private void check(int ptr, int size) {
        long end = Integer.toUnsignedLong(ptr) + Integer.toUnsignedLong(size);
        long limit = (long) memory().pages() * Memory.PAGE_SIZE;
        if (ptr < 0 || size < 0 || end > limit) {
            throw new OutOfBounds(ptr, size, limit);
        }
    }

    /** A pointer and size that leave the guest's memory: the call answers INVALID_MEMORY_ACCESS. */
    public static final class OutOfBounds extends RuntimeException {
        OutOfBounds(int ptr, int size, long limit) {
            super("guest memory access out of bounds: [" + Integer.toUnsignedString(ptr) + ", +"
                    + Integer.toUnsignedString(size) + ") beyond " + limit + " bytes", null, false, false);
        }
    }
}
