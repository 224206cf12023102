// Root id "queue": a shared queue, registered and drained by the root, fed by requests.
//
// on_configure registers the queue (proxy_register_shared_queue). Each request resolves it by
// the plugin's VM id (property plugin_vm_id, "" if the host has none) and name, and enqueues its
// :path. proxy_on_queue_ready dequeues until Empty; each item adds 1 to the shared-data key
// "archway.test.queue.dequeued" and is stored under "archway.test.queue.last".
// The response gets
//   x-queue-enqueue:  ResultName of resolve (when not Ok, as "resolve-<ResultName>") or enqueue
//   x-queue-dequeued: items dequeued so far, by any request (0 before the first)
//   x-queue-last:     the last item dequeued ("" before the first)
// Plugin configuration: {"queue": "<name>"} (optional, default "archway.test.queue").

import {
  Context,
  FilterHeadersStatusValues,
  LogLevelValues,
  RootContext,
  WasmResultValues,
  log,
  stream_context,
} from "@solo-io/proxy-runtime";
import { registerRootContext } from "../lib/root_registry";
import {
  dequeueSharedQueue,
  enqueueSharedQueue,
  getProperty,
  getSharedData,
  incrementSharedCounter,
  readSharedCounter,
  registerSharedQueue,
  resolveSharedQueue,
  resultName,
  setSharedData,
} from "../lib/host";
import { headerSafe, parseConfig, readPluginConfiguration, refuse } from "../lib/plugin";

const ROOT_ID = "queue";
const DEQUEUED_KEY = "archway.test.queue.dequeued";
const LAST_KEY = "archway.test.queue.last";

class QueueRoot extends RootContext {
  queueName: string = "";
  token: u32 = 0;

  createContext(context_id: u32): Context {
    return new QueueFilter(context_id, this);
  }

  onConfigure(configuration_size: u32): bool {
    const config = parseConfig(ROOT_ID, readPluginConfiguration(configuration_size), ["queue"]);
    if (config == null) return false;
    const name = config.getOr("queue", "archway.test.queue");
    if (name == "") return refuse(ROOT_ID, "queue: empty (expected: a queue name)");
    const registered = registerSharedQueue(name);
    if (!registered.ok) return refuse(ROOT_ID, "queue: the host refused to register '" + name + "': " + resultName(registered.result));
    this.queueName = name;
    this.token = registered.value;
    return true;
  }

  onQueueReady(token: u32): void {
    if (token != this.token) {
      log(LogLevelValues.error, ROOT_ID + ": queue ready for token " + token.toString() + ", registered " + this.token.toString());
    }
    while (true) {
      const item = dequeueSharedQueue(token);
      if (!item.ok) {
        if (item.result != WasmResultValues.Empty) log(LogLevelValues.error, ROOT_ID + ": dequeue: " + resultName(item.result));
        return;
      }
      setSharedData(LAST_KEY, item.text(), 0);
      incrementSharedCounter(DEQUEUED_KEY, 1);
    }
  }
}

class QueueFilter extends Context {
  private readonly config: QueueRoot;
  private enqueue: string = "";

  constructor(context_id: u32, root: QueueRoot) {
    super(context_id, root);
    this.config = root;
  }

  onRequestHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const vmId = getProperty(["plugin_vm_id"]);
    let vm = "";
    if (vmId.ok) vm = vmId.text();
    const resolved = resolveSharedQueue(vm, this.config.queueName);
    if (!resolved.ok) {
      this.enqueue = "resolve-" + resultName(resolved.result);
    } else {
      this.enqueue = resultName(enqueueSharedQueue(resolved.value, stream_context.headers.request.get(":path")));
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    response.add("x-queue-enqueue", this.enqueue);
    response.add("x-queue-dequeued", readSharedCounter(DEQUEUED_KEY).toString());
    const last = getSharedData(LAST_KEY);
    let lastItem = "";
    if (last.ok) lastItem = headerSafe(last.text());
    response.add("x-queue-last", lastItem);
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32): RootContext => new QueueRoot(context_id), ROOT_ID);
