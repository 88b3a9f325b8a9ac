;; environ_sizes_get_bad_ptr_trap: environ_sizes_get with the buffer-size pointer at
;; 0xFFFFFFF0 (far past the end of memory); the count goes to a valid address.
;; The expectation is a trap ("trap": true). WASI preview1 does not say in
;; words what a host must do with a guest pointer outside linear memory;
;; wasmtime traps ("Pointer out of bounds"). witx has errno::fault ("Bad
;; address"), so EFAULT is treated as equivalent: the module then executes
;; `unreachable` itself. Any other outcome is wrong: success means the host
;; wrote outside the sandbox's memory, another errno misreports the fault;
;; then the module prints "returned errno NN" and exits with status 1.
;; Memory is exactly one 64 KiB page: valid addresses are 0 .. 0xFFFF.
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $call (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "returned errno NN\0a")
  (func $report (param $e i32)
    (i32.store8 (i32.const 0x10F) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 0x110) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
    (i32.store (i32.const 0x200) (i32.const 0x100))
    (i32.store (i32.const 0x204) (i32.const 18))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208))))
  (func (export "_start")
    (local $e i32)
    (local.set $e (call $call (i32.const 0x40) (i32.const 0xFFFFFFF0)))
    (if (i32.eq (local.get $e) (i32.const 21)) (then unreachable))
    (call $report (local.get $e))
    (call $proc_exit (i32.const 1))))
