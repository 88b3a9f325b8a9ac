;; fuzz_filestat_symlink_trailing_slash: found by `cargo xtask fuzz wasi` (seed 4835), cut down to the calls
;; and tree entries below; the expectation is the oracle's behaviour.
;;
;; tree: symlink nested -> .
;;
;; call 0 path_filestat_get(preopen, "nested/")
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
  (type (;21;) (func (param i32 i32) (result i32)))
  (type (;22;) (func (param i32 i32 i32) (result i32)))
  (type (;23;) (func (param i32)))
  (type (;24;) (func (param i64)))
  (type (;25;) (func (param i32 i32)))
  (type (;26;) (func))
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
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func (;21;) (type 21) (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func (;22;) (type 22) (param i32 i32 i32) (result i32)))
  (memory (;0;) 1)
  (global (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i32) i32.const -1)
  (export "memory" (memory 0))
  (export "_start" (func 28))
  (func (;23;) (type 23) (param i32)
    global.get 0
    local.get 0
    i32.store8 offset=1024
    global.get 0
    i32.const 1
    i32.add
    global.set 0
  )
  (func (;24;) (type 24) (param i64)
    local.get 0
    i64.const 10
    i64.ge_u
    if ;; label = @1
      local.get 0
      i64.const 10
      i64.div_u
      call 24
    end
    local.get 0
    i64.const 10
    i64.rem_u
    i32.wrap_i64
    i32.const 48
    i32.add
    call 23
  )
  (func (;25;) (type 25) (param i32 i32)
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
        call 23
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
        call 23
        local.get 2
        i32.const 1
        i32.add
        local.set 2
        br 0 (;@2;)
      end
    end
  )
  (func (;26;) (type 26)
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
  (func (;27;) (type 26)
    i32.const 32
    call 23
    i32.const 0
    i64.load8_u offset=80
    call 24
    i32.const 0
    i32.load8_u offset=80
    i32.const 4
    i32.eq
    if ;; label = @1
      i32.const 32
      call 23
      i32.const 0
      i64.load offset=88
      call 24
      i32.const 32
      call 23
      i32.const 0
      i64.load offset=96
      call 24
    end
  )
  (func (;28;) (type 26)
    (local i32 i32 i32 i32 i32 i32 i32)
    i32.const 3
    local.set 3
    block ;; label = @1
      loop ;; label = @2
        local.get 3
        i32.const 64
        i32.ge_u
        br_if 1 (;@1;)
        local.get 3
        i32.const 64
        call 21
        i32.eqz
        if ;; label = @3
          i32.const 0
          i32.load8_u offset=64
          i32.eqz
          if ;; label = @4
            i32.const 0
            i32.load offset=68
            local.tee 4
            i32.const 64
            i32.le_u
            if ;; label = @5
              local.get 3
              i32.const 20480
              local.get 4
              call 22
              i32.eqz
              if ;; label = @6
                i32.const 0
                local.set 5
                block ;; label = @7
                  loop ;; label = @8
                    local.get 5
                    local.get 4
                    i32.ge_u
                    br_if 1 (;@7;)
                    local.get 5
                    i32.load8_u offset=20480
                    local.tee 6
                    i32.const 47
                    i32.ne
                    local.get 6
                    i32.const 46
                    i32.ne
                    i32.and
                    br_if 1 (;@7;)
                    local.get 5
                    i32.const 1
                    i32.add
                    local.set 5
                    br 0 (;@8;)
                  end
                end
                local.get 4
                local.get 5
                i32.sub
                i32.const 40
                i32.eq
                local.get 5
                i32.load8_u offset=20480
                i32.const 102
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20481
                i32.const 117
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20482
                i32.const 122
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20483
                i32.const 122
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20484
                i32.const 95
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20485
                i32.const 102
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20486
                i32.const 105
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20487
                i32.const 108
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20488
                i32.const 101
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20489
                i32.const 115
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20490
                i32.const 116
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20491
                i32.const 97
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20492
                i32.const 116
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20493
                i32.const 95
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20494
                i32.const 115
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20495
                i32.const 121
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20496
                i32.const 109
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20497
                i32.const 108
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20498
                i32.const 105
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20499
                i32.const 110
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20500
                i32.const 107
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20501
                i32.const 95
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20502
                i32.const 116
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20503
                i32.const 114
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20504
                i32.const 97
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20505
                i32.const 105
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20506
                i32.const 108
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20507
                i32.const 105
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20508
                i32.const 110
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20509
                i32.const 103
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20510
                i32.const 95
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20511
                i32.const 115
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20512
                i32.const 108
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20513
                i32.const 97
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20514
                i32.const 115
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20515
                i32.const 104
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20516
                i32.const 46
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20517
                i32.const 100
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20518
                i32.const 105
                i32.eq
                i32.and
                local.get 5
                i32.load8_u offset=20519
                i32.const 114
                i32.eq
                i32.and
                if ;; label = @7
                  local.get 3
                  global.set 1
                  br 6 (;@1;)
                end
              end
            end
          end
        end
        local.get 3
        i32.const 1
        i32.add
        local.set 3
        br 0 (;@2;)
      end
    end
    global.get 1
    i32.const -1
    i32.eq
    if ;; label = @1
      i32.const 3
      local.set 3
      block ;; label = @2
        loop ;; label = @3
          local.get 3
          i32.const 64
          i32.ge_u
          br_if 1 (;@2;)
          local.get 3
          i32.const 64
          call 21
          i32.eqz
          if ;; label = @4
            local.get 3
            i32.const 1
            i32.const 32768
            i32.const 40
            i32.const 2
            i64.const 264240792
            i64.const 268435455
            i32.const 0
            i32.const 64
            call 20
            i32.eqz
            if ;; label = @5
              i32.const 0
              i32.load offset=64
              global.set 1
              br 3 (;@2;)
            end
          end
          local.get 3
          i32.const 1
          i32.add
          local.set 3
          br 0 (;@3;)
        end
      end
    end
    global.get 1
    i32.const -1
    i32.eq
    if ;; label = @1
      i32.const 3
      global.set 1
    end
    i64.const 0
    call 24
    i32.const 32
    call 23
    global.get 1
    i32.const 0
    i32.const 32808
    i32.const 7
    i32.const 64
    call 12
    local.tee 0
    i64.extend_i32_u
    call 24
    local.get 0
    i32.eqz
    if ;; label = @1
      call 27
    end
    i32.const 10
    call 23
    call 26
  )
  (data (;0;) (i32.const 256) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (data (;1;) (i32.const 32768) "fuzz_filestat_symlink_trailing_slash.dirnested/")
)

