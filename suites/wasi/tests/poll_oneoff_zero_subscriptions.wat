;; poll_oneoff_zero_subscriptions: poll_oneoff with nsubscriptions = 0
;; must return errno::inval without blocking (a poll with nothing to wait for
;; would otherwise hang forever). Spec: witx poll_oneoff "nsubscriptions:
;; Both the number of subscriptions and events." and, in the preview1 docs,
;; "If nsubscriptions is 0, returns errno::inval." nevents must not be
;; reported as anything but 0 (the module stores 77 there first and prints
;; whether it changed to a non-zero value).
;; Prints "poll 0 subscriptions: errno NN" with the errno in decimal
;; (28 is EINVAL).
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "poll 0 subscriptions: errno NN\0a")
  (func (export "_start")
    (local $e i32)
    (i32.store (i32.const 0x40) (i32.const 77))
    (local.set $e (call $poll (i32.const 0x400) (i32.const 0x800) (i32.const 0) (i32.const 0x40)))
    (i32.store8 (i32.const 0x11C) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 0x11D) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
    (i32.store (i32.const 0x200) (i32.const 0x100))
    (i32.store (i32.const 0x204) (i32.const 31))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))))
