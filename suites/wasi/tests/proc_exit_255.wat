;; proc_exit_255: proc_exit(255) ends the command with exit status 255, the
;; largest status a POSIX parent sees in full. Nothing after the call runs
;; (the module would print "after proc_exit" and trap).
;; Spec: witx proc_exit "Terminate the process normally. An exit code of 0
;; indicates successful termination of the program. The meanings of other
;; values is dependent on the environment." rval: exitcode (u32); no range
;; is reserved. Known divergence: wasmtime and wasmi reject statuses of 126
;; and above ("invalid exit status outside of [0..126)", exit 1).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "after proc_exit\0a")
  (func (export "_start")
    (call $proc_exit (i32.const 255))
    (i32.store (i32.const 0x200) (i32.const 0x100))
    (i32.store (i32.const 0x204) (i32.const 16))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))
    unreachable))
