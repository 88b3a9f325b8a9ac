;; proc_exit_from_nested_call: proc_exit called three function calls deep
;; (inside a loop, with values on the operand stack) ends the whole command
;; with the given status 7; execution does not continue in any caller.
;; Spec: witx proc_exit "Terminate the process normally"; it never returns.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "returned\0a")
  (func $c (param i32) (call $proc_exit (local.get 0)))
  (func $b (param i32) (result i32)
    (loop $l (call $c (local.get 0)) (br $l))
    (i32.const 0))
  (func $a (result i32) (i32.add (i32.const 1) (call $b (i32.const 7))))
  (func (export "_start")
    (drop (call $a))
    (i32.store (i32.const 0x200) (i32.const 0x100))
    (i32.store (i32.const 0x204) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))))
