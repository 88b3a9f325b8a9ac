;; proc_raise_invalid_signal: proc_raise(99), a value outside witx's signal
;; enum (0 .. 30). POSIX raise: [EINVAL] "The value of the sig argument is
;; an invalid signal number." A host without proc_raise may answer ENOSYS or
;; ENOTSUP instead. EINVAL, ENOSYS and ENOTSUP print "refused"; success or a
;; trap fails. Known divergence: wasmtime/wasmi validate enum arguments in
;; their bindings and trap on out-of-range values (as clock_invalid_id).
(module
  (import "wasi_snapshot_preview1" "proc_raise" (func $raise (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "proc_raise(99): refused\0a")
  (data (i32.const 0x140) "proc_raise(99): errno NN\0a")
  (func (export "_start")
    (local $e i32)
    (local.set $e (call $raise (i32.const 99)))
    (if (i32.or (i32.eq (local.get $e) (i32.const 28))
                (i32.or (i32.eq (local.get $e) (i32.const 52)) (i32.eq (local.get $e) (i32.const 58))))
      (then
        (i32.store (i32.const 0x200) (i32.const 0x100))
        (i32.store (i32.const 0x204) (i32.const 24)))
      (else
        (i32.store8 (i32.const 0x156) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
        (i32.store8 (i32.const 0x157) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
        (i32.store (i32.const 0x200) (i32.const 0x140))
        (i32.store (i32.const 0x204) (i32.const 25))))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))))
