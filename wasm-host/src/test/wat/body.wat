;; Hand-written proxy-wasm filter for the buffer and stream-closing host functions: the request
;; body is replaced by "replaced:" followed by its first 4 bytes (proxy_get_buffer_bytes, then
;; proxy_set_buffer_bytes over the whole body); a request with "x-close" is closed
;; (proxy_close_stream) instead of answered.
(module
  (import "env" "proxy_get_header_map_value" (func $get (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_buffer_bytes" (func $set (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_close_stream" (func $close (param i32) (result i32)))
  (memory (export "memory") 2)
  (global $next (mut i32) (i32.const 4096))
  (data (i32.const 0) "x-close")
  (data (i32.const 16) "replaced:")
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (i32.and (i32.add (local.get $size) (i32.const 7)) (i32.const -8))))
    (local.get $p))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_request_headers") (param $ctx i32) (param $n i32) (param $eos i32) (result i32)
    (if (i32.eqz (call $get (i32.const 0) (i32.const 0) (i32.const 7) (i32.const 1024) (i32.const 1028)))
      (then
        (drop (call $close (i32.const 0)))
        (return (i32.const 1))))
    (i32.const 0))
  (func (export "proxy_on_request_body") (param $ctx i32) (param $size i32) (param $eos i32) (result i32)
    ;; the first 4 bytes of the body: address at 1032, length at 1036
    (drop (call $bytes (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 1032) (i32.const 1036)))
    ;; "replaced:" then those bytes, at 2048
    (memory.copy (i32.const 2048) (i32.const 16) (i32.const 9))
    (memory.copy (i32.const 2057) (i32.load (i32.const 1032)) (i32.load (i32.const 1036)))
    (drop (call $set (i32.const 0) (i32.const 0) (local.get $size) (i32.const 2048)
      (i32.add (i32.const 9) (i32.load (i32.const 1036)))))
    (i32.const 0))
)
