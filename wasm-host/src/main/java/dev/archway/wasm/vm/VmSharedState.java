package dev.archway.wasm.vm;

import dev.archway.wasm.abi.SharedStore;
import dev.archway.wasm.abi.WasmResult;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared data and queues, one store per VM id for the whole process, as in Envoy: every instance
 * of every plugin with that VM id (on every event loop, across reloads) sees the same values.
 * Values are copied in and out, so a guest can never see another's memory.
 */
public final class VmSharedState implements SharedStore {
    private static final Map<String, VmSharedState> BY_VM_ID = new ConcurrentHashMap<>();
    /** Queue tokens are unique in the process so that resolving works across VM ids. */
    private static final Map<Integer, Queue> QUEUES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_QUEUE = new AtomicInteger();

    private final String vmId;
    private final Map<String, Versioned> data = new ConcurrentHashMap<>();
    private final Map<String, Queue> queuesByName = new ConcurrentHashMap<>();
    private final AtomicInteger nextCas = new AtomicInteger();

    private VmSharedState(String vmId) {
        this.vmId = vmId;
    }

    /** The store of {@code vmId}. */
    public static VmSharedState of(String vmId) {
        return BY_VM_ID.computeIfAbsent(vmId, VmSharedState::new);
    }

    @Override
    public Versioned get(String key) {
        Versioned value = data.get(key);
        return value == null ? null : new Versioned(value.value().clone(), value.cas());
    }

    @Override
    public int set(String key, byte[] value, int cas) {
        byte[] copy = value.clone();
        int[] result = {WasmResult.OK};
        data.compute(key, (k, current) -> {
            if (cas != 0 && (current == null || current.cas() != cas)) {
                result[0] = WasmResult.CAS_MISMATCH;
                return current;
            }
            int next = nextCas.incrementAndGet();
            return new Versioned(copy, next == 0 ? nextCas.incrementAndGet() : next);
        });
        return result[0];
    }

    @Override
    public int registerQueue(String name, QueueOwner owner) {
        Queue queue = queuesByName.computeIfAbsent(name, n -> {
            Queue created = new Queue(NEXT_QUEUE.incrementAndGet());
            QUEUES.put(created.token, created);
            return created;
        });
        // As in Envoy, the latest registration is the one told about new items.
        queue.owner = owner;
        return queue.token;
    }

    @Override
    public int resolveQueue(String vmId, String name) {
        VmSharedState state = BY_VM_ID.get(vmId);
        Queue queue = state == null ? null : state.queuesByName.get(name);
        return queue == null ? 0 : queue.token;
    }

    @Override
    public int enqueue(int token, byte[] value) {
        Queue queue = QUEUES.get(token);
        if (queue == null) {
            return WasmResult.NOT_FOUND;
        }
        QueueOwner owner;
        synchronized (queue) {
            queue.items.add(value.clone());
            owner = queue.owner;
        }
        if (owner != null) {
            owner.queueReady(token);
        }
        return WasmResult.OK;
    }

    @Override
    public byte[] dequeue(int token) {
        Queue queue = QUEUES.get(token);
        if (queue == null) {
            throw new IllegalArgumentException("no queue " + token);
        }
        synchronized (queue) {
            return queue.items.poll();
        }
    }

    @Override
    public boolean queueExists(int token) {
        return QUEUES.containsKey(token);
    }

    @Override
    public String toString() {
        return "VmSharedState[" + vmId + ", " + data.size() + " key(s), " + queuesByName.size() + " queue(s)]";
    }

    private static final class Queue {
        final int token;
        final ArrayDeque<byte[]> items = new ArrayDeque<>();
        volatile QueueOwner owner;

        Queue(int token) {
            this.token = token;
        }
    }
}
