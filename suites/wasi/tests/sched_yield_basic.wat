;; sched_yield_basic: sched_yield returns success, a thousand times in a row,
;; and the command goes on. Spec: witx sched_yield "Temporarily yield
;; execution of the calling thread. Note: This is similar to sched_yield in
;; POSIX." (POSIX sched_yield: "shall return 0" on success, no errors
;; defined; there is no error path to test.) Prints "sched_yield x1000: OK"
;; or the first non-zero errno.
(module
  (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "sched_yield x1000: OK\0a")
  (data (i32.const 0x140) "sched_yield: errno NN\0a")
  (func (export "_start")
    (local $i i32) (local $e i32)
    (block $fail
      (loop $l
        (local.set $e (call $yield))
        (br_if $fail (local.get $e))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))
      (i32.store (i32.const 0x200) (i32.const 0x100))
      (i32.store (i32.const 0x204) (i32.const 22))
      (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))
      return)
    (i32.store8 (i32.const 0x153) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 0x154) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
    (i32.store (i32.const 0x200) (i32.const 0x140))
    (i32.store (i32.const 0x204) (i32.const 22))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))))
