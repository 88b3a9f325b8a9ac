;; fd_readdir_bad_ptr_trap: fd_readdir on the preopened directory with a
;; buffer that starts past the end of memory (buf = 0x20000, len = 256; one
;; 64 KiB page) must trap, like every host that meets an out-of-bounds guest
;; pointer (wasmtime: "Pointer out of bounds"). errno::fault is treated as
;; equivalent: the module then traps itself. Another errno prints
;; "returned errno NN" and exits 1; success means the host wrote outside
;; linear memory. The preopen is looked up as the first fd (3).
(module
  (import "wasi_snapshot_preview1" "fd_readdir" (func $call (param i32 i32 i32 i64 i32) (result i32)))
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
    (local.set $e (call $call (i32.const 3) (i32.const 0x20000) (i32.const 256) (i64.const 0) (i32.const 0x40)))
    (if (i32.eq (local.get $e) (i32.const 21)) (then unreachable))
    (call $report (local.get $e))
    (call $proc_exit (i32.const 1))))
