;; fuzz_fdstat_dir_append: found by `cargo xtask fuzz wasi` (seed 1214), cut down to the calls
;; and tree entries below; the expectation is the oracle's behaviour.
;;
;; tree: dir     a/
;; tree: dir     a/nested/
;; tree: file    a/nested/.keep (0 bytes)
;;
;; call 0 path_open(preopen, follow "a/nested", oflags 0x2, fdflags 0x1 -> slot0)
;; call 1 fd_fdstat_get(slot0)
(module
  (type (;0;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;1;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;2;) (func (param i32 i32 i32 i64 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i64 i32) (result i32)))
  (type (;4;) (func (param i32 i64 i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32) (result i32)))
  (type (;6;) (func (param i32) (result i32)))
  (type (;7;) (func (param i32) (result i32)))
  (type (;8;) (func (param i32 i32) (result i32)))
  (type (;9;) (func (param i32 i32) (result i32)))
  (type (;10;) (func (param i32 i64) (result i32)))
  (type (;11;) (func (param i32 i32 i32 i64 i32) (result i32)))
  (type (;12;) (func (param i32 i32 i32 i32 i32) (result i32)))
  (type (;13;) (func (param i32 i32 i32) (result i32)))
  (type (;14;) (func (param i32 i32 i32) (result i32)))
  (type (;15;) (func (param i32 i32 i32) (result i32)))
  (type (;16;) (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;17;) (func (param i32 i32 i32 i32 i32) (result i32)))
  (type (;18;) (func (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;19;) (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;20;) (func (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (type (;21;) (func (param i32)))
  (type (;22;) (func (param i64)))
  (type (;23;) (func (param i32 i32)))
  (type (;24;) (func))
  (import "wasi_snapshot_preview1" "fd_write" (func (;0;) (type 0) (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func (;1;) (type 1) (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pread" (func (;2;) (type 2) (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pwrite" (func (;3;) (type 3) (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func (;4;) (type 4) (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_tell" (func (;5;) (type 5) (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func (;6;) (type 6) (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_sync" (func (;7;) (type 7) (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func (;8;) (type 8) (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func (;9;) (type 9) (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_size" (func (;10;) (type 10) (param i32 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func (;11;) (type 11) (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func (;12;) (type 12) (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func (;13;) (type 13) (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_remove_directory" (func (;14;) (type 14) (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func (;15;) (type 15) (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func (;16;) (type 16) (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func (;17;) (type 17) (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link" (func (;18;) (type 18) (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink" (func (;19;) (type 19) (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func (;20;) (type 20) (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (;0;) 1)
  (global (;0;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "_start" (func 26))
  (func (;21;) (type 21) (param i32)
    global.get 0
    local.get 0
    i32.store8 offset=1024
    global.get 0
    i32.const 1
    i32.add
    global.set 0
  )
  (func (;22;) (type 22) (param i64)
    local.get 0
    i64.const 10
    i64.ge_u
    if ;; label = @1
      local.get 0
      i64.const 10
      i64.div_u
      call 22
    end
    local.get 0
    i64.const 10
    i64.rem_u
    i32.wrap_i64
    i32.const 48
    i32.add
    call 21
  )
  (func (;23;) (type 23) (param i32 i32)
    (local i32 i32)
    block ;; label = @1
      loop ;; label = @2
        local.get 2
        local.get 1
        i32.ge_u
        br_if 1 (;@1;)
        local.get 0
        local.get 2
        i32.add
        i32.load8_u
        i32.const 4
        i32.shr_u
        local.tee 3
        i32.const 48
        i32.add
        local.get 3
        i32.const 87
        i32.add
        local.get 3
        i32.const 10
        i32.lt_u
        select
        call 21
        local.get 0
        local.get 2
        i32.add
        i32.load8_u
        i32.const 15
        i32.and
        local.tee 3
        i32.const 48
        i32.add
        local.get 3
        i32.const 87
        i32.add
        local.get 3
        i32.const 10
        i32.lt_u
        select
        call 21
        local.get 2
        i32.const 1
        i32.add
        local.set 2
        br 0 (;@2;)
      end
    end
  )
  (func (;24;) (type 24)
    i32.const 0
    i32.const 1024
    i32.store
    i32.const 0
    global.get 0
    i32.store offset=4
    i32.const 1
    i32.const 0
    i32.const 1
    i32.const 16
    call 0
    drop
    i32.const 0
    global.set 0
  )
  (func (;25;) (type 24)
    i32.const 32
    call 21
    i32.const 0
    i64.load8_u offset=80
    call 22
    i32.const 0
    i32.load8_u offset=80
    i32.const 4
    i32.eq
    if ;; label = @1
      i32.const 32
      call 21
      i32.const 0
      i64.load offset=88
      call 22
      i32.const 32
      call 21
      i32.const 0
      i64.load offset=96
      call 22
    end
  )
  (func (;26;) (type 24)
    (local i32 i32 i32)
    i64.const 0
    call 22
    i32.const 32
    call 21
    i32.const 3
    i32.const 1
    i32.const 32768
    i32.const 8
    i32.const 2
    i64.const 264240792
    i64.const 268435455
    i32.const 1
    i32.const 64
    call 20
    local.tee 0
    i64.extend_i32_u
    call 22
    local.get 0
    i32.eqz
    if ;; label = @1
      i32.const 0
      i32.const 0
      i32.load offset=64
      i32.store offset=256
    end
    i32.const 10
    call 21
    call 24
    i64.const 1
    call 22
    i32.const 32
    call 21
    i32.const 0
    i32.load offset=256
    i32.const 64
    call 9
    local.tee 0
    i64.extend_i32_u
    call 22
    local.get 0
    i32.eqz
    if ;; label = @1
      i32.const 32
      call 21
      i32.const 0
      i64.load8_u offset=64
      call 22
      i32.const 32
      call 21
      i32.const 0
      i64.load16_u offset=66
      call 22
    end
    i32.const 10
    call 21
    call 24
  )
  (data (;0;) (i32.const 256) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (data (;1;) (i32.const 32768) "a/nested")
)

