;; proc_raise_ignored_signal: proc_raise(WINCH = 27), a signal whose POSIX
;; default action is to ignore it.
;; Spec: witx proc_raise "Send a signal to the process of the calling
;; thread. Note: This is similar to raise in POSIX." Preview1 hosts have no
;; way to deliver a signal into the guest, so a host may raise it (the
;; default action ignores it: success, and the command goes on) or report
;; the call unsupported (ENOSYS or ENOTSUP). All three print
;; "proc_raise(WINCH): handled"; another errno prints it, and ending the
;; process (a trap) fails the case.
;; Known divergence: wasmi traps ("proc_raise unsupported"). Also noticed
;; (not exercised, because it has side effects on the host): node's uvwasi
;; raises the signal in the node process itself, so proc_raise(USR1) makes
;; node open its inspector on 127.0.0.1:9229.
(module
  (import "wasi_snapshot_preview1" "proc_raise" (func $raise (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "proc_raise(WINCH): handled\0a")
  (data (i32.const 0x140) "proc_raise(WINCH): errno NN\0a")
  (func (export "_start")
    (local $e i32)
    (local.set $e (call $raise (i32.const 27)))
    (if (i32.or (i32.eqz (local.get $e))
                (i32.or (i32.eq (local.get $e) (i32.const 52)) (i32.eq (local.get $e) (i32.const 58))))
      (then
        (i32.store (i32.const 0x200) (i32.const 0x100))
        (i32.store (i32.const 0x204) (i32.const 27)))
      (else
        (i32.store8 (i32.const 0x159) (i32.add (i32.const 48) (i32.div_u (local.get $e) (i32.const 10))))
        (i32.store8 (i32.const 0x15A) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
        (i32.store (i32.const 0x200) (i32.const 0x140))
        (i32.store (i32.const 0x204) (i32.const 28))))
    (drop (call $fd_write (i32.const 1) (i32.const 0x200) (i32.const 1) (i32.const 0x208)))))
