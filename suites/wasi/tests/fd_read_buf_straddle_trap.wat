;; fd_read_buf_straddle_trap: fd_read from stdin into an iovec whose
;; buffer straddles the end of memory (buf = 0xFFF0, len = 32: 16 bytes past
;; the end). stdin holds 64 bytes, so a host that copied without checking
;; would write outside linear memory.
;;
;; The expectation is a trap ("trap": true). WASI preview1 does not say in
;; words what a host must do with a guest pointer that lies outside linear
;; memory; wasmtime traps ("Pointer out of bounds"). witx also has
;; errno::fault ("Bad address"), so a host that returns EFAULT instead is
;; treated as equivalent: on EFAULT this module executes `unreachable`
;; itself, which gives the same observable result (a trap, nothing on
;; stdout). Any other outcome is wrong: success would mean the host read or
;; wrote outside the sandbox's memory, and another errno (node 20 returns
;; EOVERFLOW) misreports the fault; then the module prints
;; "returned errno NN" and exits with status 1.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $call (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  ;; exactly one 64 KiB page: valid addresses are 0 .. 0xFFFF
  (memory (export "memory") 1)
  (data (i32.const 0x100) "returned errno NN\0a")
  (func $report (param $e i32)
    ;; write the two decimal digits of $e over "NN" and print the message
    (i32.store8 (i32.const 0x10F) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
    (i32.store8 (i32.const 0x110) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
    (i32.store (i32.const 0x200) (i32.const 0x100))
    (i32.store (i32.const 0x204) (i32.const 18))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208))))
  (func (export "_start")
    (local $e i32)
    (i32.store (i32.const 0) (i32.const 0xFFF0))
    (i32.store (i32.const 4) (i32.const 32))
    (local.set $e (call $call (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0x40)))
    (if (i32.eq (local.get $e) (i32.const 21)) ;; errno::fault
      (then unreachable))
    (call $report (local.get $e))
    (call $proc_exit (i32.const 1))))
