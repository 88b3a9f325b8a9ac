//! A program as a WASI command, built with `wasm-encoder`: `_start` makes
//! the calls in order and after each prints one line to stdout,
//! `INDEX ERRNO[ RESULTS]`, with only the results that do not legitimately
//! vary between hosts: sizes, offsets, file types, the bytes read, the
//! names listed. Fd numbers, inodes, timestamps, rights and directory
//! sizes are left out.

use wasm_encoder::{
    BlockType, CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection,
    Function, FunctionSection, GlobalSection, GlobalType, ImportSection, Instruction as I, MemArg,
    MemArgTarget, MemorySection, MemoryType, Module, TypeSection, ValType,
};

use crate::case::PREOPEN;
use crate::program::{Call, FdRef, Program, SLOTS};

const IOV: u32 = 0;
const NWRITTEN: u32 = 16;
/// Out-parameters of the call being made (a filestat is 64 bytes).
const OUT: u32 = 64;
/// The fds `path_open` returned, one i32 per slot (`u32::MAX` until set).
const SLOT_BASE: u32 = 256;
/// The line being printed.
const LINE: u32 = 1024;
/// Where reads, directory listings and link targets land.
const BUF: u32 = 20 << 10;
const BUF_LEN: u32 = 8 << 10;
/// Where the program's strings and data start.
const DATA: u32 = 32 << 10;

/// The preview1 functions a program may import, in import order, with
/// their core signatures (params; every one returns an i32 errno).
const IMPORTS: &[(&str, &[ValType])] = {
    use ValType::{I32 as W, I64 as D};
    &[
        ("fd_write", &[W, W, W, W]),
        ("fd_read", &[W, W, W, W]),
        ("fd_pread", &[W, W, W, D, W]),
        ("fd_pwrite", &[W, W, W, D, W]),
        ("fd_seek", &[W, D, W, W]),
        ("fd_tell", &[W, W]),
        ("fd_close", &[W]),
        ("fd_sync", &[W]),
        ("fd_filestat_get", &[W, W]),
        ("fd_fdstat_get", &[W, W]),
        ("fd_filestat_set_size", &[W, D]),
        ("fd_readdir", &[W, W, W, D, W]),
        ("path_filestat_get", &[W, W, W, W, W]),
        ("path_create_directory", &[W, W, W]),
        ("path_remove_directory", &[W, W, W]),
        ("path_unlink_file", &[W, W, W]),
        ("path_rename", &[W, W, W, W, W, W]),
        ("path_symlink", &[W, W, W, W, W]),
        ("path_link", &[W, W, W, W, W, W, W]),
        ("path_readlink", &[W, W, W, W, W, W]),
        ("path_open", &[W, W, W, W, W, D, D, W, W]),
        ("fd_prestat_get", &[W, W]),
        ("fd_prestat_dir_name", &[W, W, W]),
    ]
};

fn import(name: &str) -> u32 {
    IMPORTS
        .iter()
        .position(|(n, _)| *n == name)
        .map_or(0, |i| i as u32)
}

/// The rights wasi-libc asks for when it opens a regular file
/// (`RIGHTS_REGULAR_FILE_BASE`): what real programs ask, so that the
/// comparison is about what they meet, not about rights no program asks.
const FILE_RIGHTS: i64 = 0x1ff | (0b111 << 21) | (1 << 27);
/// ... and a directory (`RIGHTS_DIRECTORY_BASE`).
const DIRECTORY_RIGHTS: i64 =
    (1 << 3) | (1 << 4) | (1 << 7) | (0xfff << 9) | (1 << 21) | (0b1111 << 23) | (1 << 27);

fn mem(offset: u32, align: u32) -> MemArg {
    MemArg {
        offset: u64::from(offset),
        align,
        target: MemArgTarget::Memory(0),
        ordering: None,
    }
}

/// Function indices of the helpers, after the imports.
struct Helpers {
    put: u32,
    dec: u32,
    hex: u32,
    flush: u32,
    stat: u32,
}

/// The bytes of the command that runs `program`.
pub fn emit(program: &Program) -> Vec<u8> {
    emit_for(program, PREOPEN)
}

/// The command that runs `program` on the directory preopened as
/// `preopen` (a promoted case's fixture is `NAME.dir`).
pub fn emit_for(program: &Program, preopen: &str) -> Vec<u8> {
    let mut types = TypeSection::new();
    let mut imports = ImportSection::new();
    for (i, (name, params)) in IMPORTS.iter().enumerate() {
        types.ty().function(params.iter().copied(), [ValType::I32]);
        imports.import(
            "wasi_snapshot_preview1",
            name,
            EntityType::Function(i as u32),
        );
    }
    let base = IMPORTS.len() as u32;
    let ty = |types: &mut TypeSection, params: &[ValType], results: &[ValType]| {
        let index = types.len();
        types
            .ty()
            .function(params.iter().copied(), results.iter().copied());
        index
    };
    let t_put = ty(&mut types, &[ValType::I32], &[]);
    let t_dec = ty(&mut types, &[ValType::I64], &[]);
    let t_hex = ty(&mut types, &[ValType::I32, ValType::I32], &[]);
    let t_void = ty(&mut types, &[], &[]);
    let helpers = Helpers {
        put: base,
        dec: base + 1,
        hex: base + 2,
        flush: base + 3,
        stat: base + 4,
    };
    let start = base + 5;
    let mut functions = FunctionSection::new();
    for t in [t_put, t_dec, t_hex, t_void, t_void, t_void] {
        functions.function(t);
    }

    // Strings and data, each placed once, after DATA.
    let mut data = Vec::new();
    let mut place = |bytes: &[u8]| -> (i32, i32) {
        let at = DATA + data.len() as u32;
        data.extend_from_slice(bytes);
        (at as i32, bytes.len() as i32)
    };
    let mut body = Function::new([(7, ValType::I32)]);
    let (e, pos, closed) = (0u32, 1u32, 2u32);
    let preopen_name = place(preopen.as_bytes());
    find_preopen(&mut body, 3, preopen.as_bytes(), preopen_name);
    // Slots the program fills (those past it stay `u32::MAX`).
    let slots_used = program
        .calls
        .iter()
        .filter_map(|c| match c {
            Call::PathOpen { slot, .. } => Some(slot + 1),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for (index, call) in program.calls.iter().enumerate() {
        let f = &mut body;
        f.instruction(&I::I64Const(index as i64));
        f.instruction(&I::Call(helpers.dec));
        put_char(f, &helpers, b' ');
        if let Call::FdClose { fd: d } = call {
            fd(f, *d);
            f.instruction(&I::LocalSet(closed));
        }
        emit_call(f, call, &mut place);
        f.instruction(&I::LocalTee(e));
        f.instruction(&I::I64ExtendI32U);
        f.instruction(&I::Call(helpers.dec));
        f.instruction(&I::LocalGet(e));
        f.instruction(&I::I32Eqz);
        f.instruction(&I::If(BlockType::Empty));
        emit_results(f, call, &helpers, pos);
        if let Call::FdClose { .. } = call {
            forget(f, closed, slots_used);
        }
        f.instruction(&I::End);
        put_char(f, &helpers, b'\n');
        f.instruction(&I::Call(helpers.flush));
    }
    body.instruction(&I::End);

    let pages = (u64::from(DATA) + data.len() as u64)
        .div_ceil(1 << 16)
        .max(1);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: pages,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    let mut globals = GlobalSection::new();
    globals.global(
        GlobalType {
            val_type: ValType::I32,
            mutable: true,
            shared: false,
        },
        &ConstExpr::i32_const(0),
    );
    // The preopen's fd, found by name at the start (3 until then).
    globals.global(
        GlobalType {
            val_type: ValType::I32,
            mutable: true,
            shared: false,
        },
        &ConstExpr::i32_const(-1),
    );
    let mut exports = ExportSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    exports.export("_start", ExportKind::Func, start);

    let mut code = CodeSection::new();
    code.function(&put_function());
    code.function(&dec_function(helpers.put, helpers.dec));
    code.function(&hex_function(helpers.put));
    code.function(&flush_function());
    code.function(&stat_function(&helpers));
    code.function(&body);

    let mut segments = DataSection::new();
    segments.active(
        0,
        &ConstExpr::i32_const(SLOT_BASE as i32),
        vec![0xff; (SLOTS * 4) as usize],
    );
    if !data.is_empty() {
        segments.active(0, &ConstExpr::i32_const(DATA as i32), data);
    }

    let mut module = Module::new();
    module
        .section(&types)
        .section(&imports)
        .section(&functions)
        .section(&memories)
        .section(&globals)
        .section(&exports)
        .section(&code)
        .section(&segments);
    module.finish()
}

/// The global that holds the preopen's fd.
const PREOPEN_GLOBAL: u32 = 1;

/// Find the preopen as a wasi-libc program does, into [`PREOPEN_GLOBAL`]:
/// the first fd from 3 up whose prestat is a directory named `name`
/// (leading `/` and `.` aside); failing that, the directory `name`
/// opened beneath the first preopen that has it, as wasi-libc resolves
/// `fs/...` through a `/` or `.` preopen (wasmer preopens a virtual `/`
/// and `.` and mounts the directory beneath them); failing that, 3.
/// Runtimes number and name their preopens as they like, so fd 3 is not
/// the directory everywhere. Uses the four locals from `first`: fd, name
/// length, offset, byte; `name_at` is where `name` is in memory.
fn find_preopen(f: &mut Function, first: u32, name: &[u8], name_at: (i32, i32)) {
    let (fd, len, off, byte) = (first, first + 1, first + 2, first + 3);
    // By name. Depths in `body`: 0 the body's own `if`, 2 the scan's end.
    each_preopen(f, fd, |f| {
        f.instruction(&I::I32Const(0));
        f.instruction(&I::I32Load8U(mem(OUT, 0)));
        f.instruction(&I::I32Eqz);
        f.instruction(&I::If(BlockType::Empty)); // a directory
        f.instruction(&I::I32Const(0));
        f.instruction(&I::I32Load(mem(OUT + 4, 2)));
        f.instruction(&I::LocalTee(len));
        f.instruction(&I::I32Const(64));
        f.instruction(&I::I32LeU);
        f.instruction(&I::If(BlockType::Empty)); // a name that fits
        f.instruction(&I::LocalGet(fd));
        i32c(f, BUF);
        f.instruction(&I::LocalGet(len));
        f.instruction(&I::Call(import("fd_prestat_dir_name")));
        f.instruction(&I::I32Eqz);
        f.instruction(&I::If(BlockType::Empty)); // the name read
        // Skip leading `/` and `.`.
        f.instruction(&I::I32Const(0));
        f.instruction(&I::LocalSet(off));
        f.instruction(&I::Block(BlockType::Empty));
        f.instruction(&I::Loop(BlockType::Empty));
        f.instruction(&I::LocalGet(off));
        f.instruction(&I::LocalGet(len));
        f.instruction(&I::I32GeU);
        f.instruction(&I::BrIf(1));
        f.instruction(&I::LocalGet(off));
        f.instruction(&I::I32Load8U(mem(BUF, 0)));
        f.instruction(&I::LocalTee(byte));
        f.instruction(&I::I32Const(i32::from(b'/')));
        f.instruction(&I::I32Ne);
        f.instruction(&I::LocalGet(byte));
        f.instruction(&I::I32Const(i32::from(b'.')));
        f.instruction(&I::I32Ne);
        f.instruction(&I::I32And);
        f.instruction(&I::BrIf(1));
        f.instruction(&I::LocalGet(off));
        f.instruction(&I::I32Const(1));
        f.instruction(&I::I32Add);
        f.instruction(&I::LocalSet(off));
        f.instruction(&I::Br(0));
        f.instruction(&I::End);
        f.instruction(&I::End);
        // What is left is the name?
        f.instruction(&I::LocalGet(len));
        f.instruction(&I::LocalGet(off));
        f.instruction(&I::I32Sub);
        f.instruction(&I::I32Const(name.len() as i32));
        f.instruction(&I::I32Eq);
        for (i, b) in name.iter().enumerate() {
            f.instruction(&I::LocalGet(off));
            f.instruction(&I::I32Load8U(mem(BUF + i as u32, 0)));
            f.instruction(&I::I32Const(i32::from(*b)));
            f.instruction(&I::I32Eq);
            f.instruction(&I::I32And);
        }
        f.instruction(&I::If(BlockType::Empty));
        f.instruction(&I::LocalGet(fd));
        f.instruction(&I::GlobalSet(PREOPEN_GLOBAL));
        // Out of this `if`, the three above and the body's: the scan's end.
        f.instruction(&I::Br(6));
        f.instruction(&I::End);
        f.instruction(&I::End); // the name read
        f.instruction(&I::End); // a name that fits
        f.instruction(&I::End); // a directory
    });
    // Not found by name: open it beneath a preopen.
    f.instruction(&I::GlobalGet(PREOPEN_GLOBAL));
    f.instruction(&I::I32Const(-1));
    f.instruction(&I::I32Eq);
    f.instruction(&I::If(BlockType::Empty));
    each_preopen(f, fd, |f| {
        f.instruction(&I::LocalGet(fd));
        i32c(f, 1); // symlink_follow
        string(f, name_at);
        i32c(f, u32::from(crate::program::oflags::DIRECTORY));
        f.instruction(&I::I64Const(DIRECTORY_RIGHTS));
        f.instruction(&I::I64Const(DIRECTORY_RIGHTS | FILE_RIGHTS));
        i32c(f, 0);
        i32c(f, OUT);
        f.instruction(&I::Call(import("path_open")));
        f.instruction(&I::I32Eqz);
        f.instruction(&I::If(BlockType::Empty));
        f.instruction(&I::I32Const(0));
        f.instruction(&I::I32Load(mem(OUT, 2)));
        f.instruction(&I::GlobalSet(PREOPEN_GLOBAL));
        f.instruction(&I::Br(3));
        f.instruction(&I::End);
    });
    f.instruction(&I::End);
    // Nowhere: fd 3, as most runtimes number it.
    f.instruction(&I::GlobalGet(PREOPEN_GLOBAL));
    f.instruction(&I::I32Const(-1));
    f.instruction(&I::I32Eq);
    f.instruction(&I::If(BlockType::Empty));
    f.instruction(&I::I32Const(3));
    f.instruction(&I::GlobalSet(PREOPEN_GLOBAL));
    f.instruction(&I::End);
}

/// For each fd from 3 to 63 that is a preopen (`fd_prestat_get` succeeds,
/// its prestat at OUT), in local `fd`, run `body`; in it, depth 2 is
/// the end of the scan.
fn each_preopen(f: &mut Function, fd: u32, body: impl FnOnce(&mut Function)) {
    f.instruction(&I::I32Const(3));
    f.instruction(&I::LocalSet(fd));
    f.instruction(&I::Block(BlockType::Empty));
    f.instruction(&I::Loop(BlockType::Empty));
    f.instruction(&I::LocalGet(fd));
    f.instruction(&I::I32Const(64));
    f.instruction(&I::I32GeU);
    f.instruction(&I::BrIf(1));
    f.instruction(&I::LocalGet(fd));
    i32c(f, OUT);
    f.instruction(&I::Call(import("fd_prestat_get")));
    f.instruction(&I::I32Eqz);
    f.instruction(&I::If(BlockType::Empty));
    body(f);
    f.instruction(&I::End);
    f.instruction(&I::LocalGet(fd));
    f.instruction(&I::I32Const(1));
    f.instruction(&I::I32Add);
    f.instruction(&I::LocalSet(fd));
    f.instruction(&I::Br(0));
    f.instruction(&I::End);
    f.instruction(&I::End);
}

/// After a successful `fd_close`: every slot holding the closed number
/// (in local `closed`) is set to `u32::MAX`. Which number the next open
/// gets is the host's choice (the lowest free one, or a fresh one), so a
/// later use of the old number would compare allocation policies, not
/// behaviour; `u32::MAX` is a bad fd on every runtime.
fn forget(f: &mut Function, closed: u32, slots_used: u32) {
    for n in 0..slots_used {
        f.instruction(&I::I32Const(0));
        f.instruction(&I::I32Load(mem(SLOT_BASE + 4 * n, 2)));
        f.instruction(&I::LocalGet(closed));
        f.instruction(&I::I32Eq);
        f.instruction(&I::If(BlockType::Empty));
        f.instruction(&I::I32Const(0));
        f.instruction(&I::I32Const(-1));
        f.instruction(&I::I32Store(mem(SLOT_BASE + 4 * n, 2)));
        f.instruction(&I::End);
    }
}

fn put_char(f: &mut Function, h: &Helpers, c: u8) {
    f.instruction(&I::I32Const(i32::from(c)));
    f.instruction(&I::Call(h.put));
}

fn fd(f: &mut Function, fd: FdRef) {
    match fd {
        FdRef::Preopen => f.instruction(&I::GlobalGet(PREOPEN_GLOBAL)),
        FdRef::Slot(n) => {
            f.instruction(&I::I32Const(0));
            f.instruction(&I::I32Load(mem(SLOT_BASE + 4 * n, 2)))
        }
        FdRef::Raw(n) => f.instruction(&I::I32Const(n as i32)),
    };
}

fn string(f: &mut Function, at: (i32, i32)) {
    f.instruction(&I::I32Const(at.0));
    f.instruction(&I::I32Const(at.1));
}

fn i32c(f: &mut Function, v: u32) {
    f.instruction(&I::I32Const(v as i32));
}

/// Set the iovec at IOV to (ptr, len).
fn iov(f: &mut Function, ptr: i32, len: i32) {
    f.instruction(&I::I32Const(0));
    f.instruction(&I::I32Const(ptr));
    f.instruction(&I::I32Store(mem(IOV, 2)));
    f.instruction(&I::I32Const(0));
    f.instruction(&I::I32Const(len));
    f.instruction(&I::I32Store(mem(IOV + 4, 2)));
}

/// Push the call's arguments and call it; leaves the errno.
fn emit_call(f: &mut Function, call: &Call, place: &mut impl FnMut(&[u8]) -> (i32, i32)) {
    let lookup = |follow: bool| u32::from(follow);
    match call {
        Call::PathOpen {
            dir,
            follow,
            path,
            oflags,
            fdflags,
            ..
        } => {
            let p = place(path.as_bytes());
            fd(f, *dir);
            i32c(f, lookup(*follow));
            string(f, p);
            i32c(f, u32::from(*oflags));
            // As wasi-libc's open: directory rights (and file rights to
            // hand down) with `directory`, file rights otherwise.
            if oflags & crate::program::oflags::DIRECTORY != 0 {
                f.instruction(&I::I64Const(DIRECTORY_RIGHTS));
                f.instruction(&I::I64Const(DIRECTORY_RIGHTS | FILE_RIGHTS));
            } else {
                f.instruction(&I::I64Const(FILE_RIGHTS));
                f.instruction(&I::I64Const(0));
            }
            i32c(f, u32::from(*fdflags));
            i32c(f, OUT);
        }
        Call::FdClose { fd: d } | Call::FdSync { fd: d } => fd(f, *d),
        Call::FdRead { fd: d, len } => {
            iov(f, BUF as i32, (*len).min(BUF_LEN) as i32);
            fd(f, *d);
            i32c(f, IOV);
            i32c(f, 1);
            i32c(f, OUT);
        }
        Call::FdPread { fd: d, len, offset } => {
            iov(f, BUF as i32, (*len).min(BUF_LEN) as i32);
            fd(f, *d);
            i32c(f, IOV);
            i32c(f, 1);
            f.instruction(&I::I64Const(*offset as i64));
            i32c(f, OUT);
        }
        Call::FdWrite { fd: d, data } => {
            let p = place(data);
            iov(f, p.0, p.1);
            fd(f, *d);
            i32c(f, IOV);
            i32c(f, 1);
            i32c(f, OUT);
        }
        Call::FdPwrite {
            fd: d,
            data,
            offset,
        } => {
            let p = place(data);
            iov(f, p.0, p.1);
            fd(f, *d);
            i32c(f, IOV);
            i32c(f, 1);
            f.instruction(&I::I64Const(*offset as i64));
            i32c(f, OUT);
        }
        Call::FdSeek {
            fd: d,
            delta,
            whence,
        } => {
            fd(f, *d);
            f.instruction(&I::I64Const(*delta));
            i32c(f, u32::from(*whence));
            i32c(f, OUT);
        }
        Call::FdTell { fd: d } | Call::FdFilestatGet { fd: d } | Call::FdFdstatGet { fd: d } => {
            fd(f, *d);
            i32c(f, OUT);
        }
        Call::FdFilestatSetSize { fd: d, size } => {
            fd(f, *d);
            f.instruction(&I::I64Const(*size as i64));
        }
        Call::FdReaddir { fd: d, len } => {
            fd(f, *d);
            i32c(f, BUF);
            i32c(f, (*len).min(BUF_LEN));
            f.instruction(&I::I64Const(0));
            i32c(f, OUT);
        }
        Call::PathFilestatGet { dir, follow, path } => {
            let p = place(path.as_bytes());
            fd(f, *dir);
            i32c(f, lookup(*follow));
            string(f, p);
            i32c(f, OUT);
        }
        Call::PathCreateDirectory { dir, path }
        | Call::PathRemoveDirectory { dir, path }
        | Call::PathUnlinkFile { dir, path } => {
            let p = place(path.as_bytes());
            fd(f, *dir);
            string(f, p);
        }
        Call::PathRename {
            dir,
            old,
            new_dir,
            new,
        } => {
            let (o, n) = (place(old.as_bytes()), place(new.as_bytes()));
            fd(f, *dir);
            string(f, o);
            fd(f, *new_dir);
            string(f, n);
        }
        Call::PathSymlink { target, dir, link } => {
            let (t, l) = (place(target.as_bytes()), place(link.as_bytes()));
            string(f, t);
            fd(f, *dir);
            string(f, l);
        }
        Call::PathLink {
            dir,
            follow,
            old,
            new_dir,
            new,
        } => {
            let (o, n) = (place(old.as_bytes()), place(new.as_bytes()));
            fd(f, *dir);
            i32c(f, lookup(*follow));
            string(f, o);
            fd(f, *new_dir);
            string(f, n);
        }
        Call::PathReadlink { dir, path, len } => {
            let p = place(path.as_bytes());
            fd(f, *dir);
            string(f, p);
            i32c(f, BUF);
            i32c(f, (*len).min(BUF_LEN));
            i32c(f, OUT);
        }
    }
    f.instruction(&I::Call(import(call.function())));
}

/// Print ` VALUE` of the u32 (`wide`: u64) at OUT + `offset`.
fn put_out(f: &mut Function, h: &Helpers, offset: u32, wide: bool) {
    put_char(f, h, b' ');
    f.instruction(&I::I32Const(0));
    if wide {
        f.instruction(&I::I64Load(mem(OUT + offset, 3)));
    } else {
        f.instruction(&I::I64Load32U(mem(OUT + offset, 2)));
    }
    f.instruction(&I::Call(h.dec));
}

/// After a call that succeeded: its deterministic results.
fn emit_results(f: &mut Function, call: &Call, h: &Helpers, pos: u32) {
    match call {
        Call::PathOpen { slot, .. } => {
            f.instruction(&I::I32Const(0));
            f.instruction(&I::I32Const(0));
            f.instruction(&I::I32Load(mem(OUT, 2)));
            f.instruction(&I::I32Store(mem(SLOT_BASE + 4 * slot, 2)));
        }
        // The count, then the bytes it counts.
        Call::FdRead { .. } | Call::FdPread { .. } | Call::PathReadlink { .. } => {
            put_out(f, h, 0, false);
            put_char(f, h, b' ');
            i32c(f, BUF);
            f.instruction(&I::I32Const(0));
            f.instruction(&I::I32Load(mem(OUT, 2)));
            f.instruction(&I::Call(h.hex));
        }
        Call::FdWrite { .. } | Call::FdPwrite { .. } => put_out(f, h, 0, false),
        Call::FdSeek { .. } | Call::FdTell { .. } => put_out(f, h, 0, true),
        Call::FdFilestatGet { .. } | Call::PathFilestatGet { .. } => {
            f.instruction(&I::Call(h.stat));
        }
        Call::FdFdstatGet { .. } => {
            // File type and flags; rights are the host's to narrow.
            put_char(f, h, b' ');
            f.instruction(&I::I32Const(0));
            f.instruction(&I::I64Load8U(mem(OUT, 0)));
            f.instruction(&I::Call(h.dec));
            put_char(f, h, b' ');
            f.instruction(&I::I32Const(0));
            f.instruction(&I::I64Load16U(mem(OUT + 2, 1)));
            f.instruction(&I::Call(h.dec));
        }
        Call::FdReaddir { len, .. } => emit_dirents(f, h, pos, (*len).min(BUF_LEN)),
        _ => {}
    }
}

/// ` TYPE:HEXNAME` per complete entry in the buffer, then ` full` when the
/// buffer was filled (the listing may go on).
fn emit_dirents(f: &mut Function, h: &Helpers, pos: u32, len: u32) {
    let bufused = |f: &mut Function| {
        f.instruction(&I::I32Const(0));
        f.instruction(&I::I32Load(mem(OUT, 2)));
    };
    f.instruction(&I::I32Const(0));
    f.instruction(&I::LocalSet(pos));
    f.instruction(&I::Block(BlockType::Empty));
    f.instruction(&I::Loop(BlockType::Empty));
    // pos + 24 <= bufused, else done
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Const(24));
    f.instruction(&I::I32Add);
    bufused(f);
    f.instruction(&I::I32GtU);
    f.instruction(&I::BrIf(1));
    // pos + 24 + namlen <= bufused, else done (a cut entry)
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Const(24));
    f.instruction(&I::I32Add);
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Load(mem(BUF + 16, 2)));
    f.instruction(&I::I32Add);
    bufused(f);
    f.instruction(&I::I32GtU);
    f.instruction(&I::BrIf(1));
    put_char(f, h, b' ');
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I64Load8U(mem(BUF + 20, 0)));
    f.instruction(&I::Call(h.dec));
    put_char(f, h, b':');
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Const((BUF + 24) as i32));
    f.instruction(&I::I32Add);
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Load(mem(BUF + 16, 2)));
    f.instruction(&I::Call(h.hex));
    // pos += 24 + namlen
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Const(24));
    f.instruction(&I::I32Add);
    f.instruction(&I::LocalGet(pos));
    f.instruction(&I::I32Load(mem(BUF + 16, 2)));
    f.instruction(&I::I32Add);
    f.instruction(&I::LocalSet(pos));
    f.instruction(&I::Br(0));
    f.instruction(&I::End);
    f.instruction(&I::End);
    bufused(f);
    i32c(f, len);
    f.instruction(&I::I32Eq);
    f.instruction(&I::If(BlockType::Empty));
    for c in b" full" {
        put_char(f, h, *c);
    }
    f.instruction(&I::End);
}

/// `$put(byte)`: append to the line.
fn put_function() -> Function {
    let mut f = Function::new([]);
    for op in [
        I::GlobalGet(0),
        I::LocalGet(0),
        I::I32Store8(mem(LINE, 0)),
        I::GlobalGet(0),
        I::I32Const(1),
        I::I32Add,
        I::GlobalSet(0),
        I::End,
    ] {
        f.instruction(&op);
    }
    f
}

/// `$dec(u64)`: append in decimal.
fn dec_function(put: u32, dec: u32) -> Function {
    let mut f = Function::new([]);
    for op in [
        I::LocalGet(0),
        I::I64Const(10),
        I::I64GeU,
        I::If(BlockType::Empty),
        I::LocalGet(0),
        I::I64Const(10),
        I::I64DivU,
        I::Call(dec),
        I::End,
        I::LocalGet(0),
        I::I64Const(10),
        I::I64RemU,
        I::I32WrapI64,
        I::I32Const(48),
        I::I32Add,
        I::Call(put),
        I::End,
    ] {
        f.instruction(&op);
    }
    f
}

/// `$hex(ptr, len)`: append the bytes as lower-case hex.
fn hex_function(put: u32) -> Function {
    // Locals after the two parameters: the index and the digit.
    let mut f = Function::new([(2, ValType::I32)]);
    let (ptr, len, i) = (0, 1, 2);
    let digit = |f: &mut Function| {
        // d < 10 ? '0' + d : 'a' - 10 + d, for d on the stack (kept in a local).
        f.instruction(&I::LocalTee(3));
        f.instruction(&I::I32Const(48));
        f.instruction(&I::I32Add);
        f.instruction(&I::LocalGet(3));
        f.instruction(&I::I32Const(87));
        f.instruction(&I::I32Add);
        f.instruction(&I::LocalGet(3));
        f.instruction(&I::I32Const(10));
        f.instruction(&I::I32LtU);
        f.instruction(&I::Select);
        f.instruction(&I::Call(put));
    };
    for op in [
        I::Block(BlockType::Empty),
        I::Loop(BlockType::Empty),
        I::LocalGet(i),
        I::LocalGet(len),
        I::I32GeU,
        I::BrIf(1),
        I::LocalGet(ptr),
        I::LocalGet(i),
        I::I32Add,
        I::I32Load8U(mem(0, 0)),
        I::I32Const(4),
        I::I32ShrU,
    ] {
        f.instruction(&op);
    }
    digit(&mut f);
    for op in [
        I::LocalGet(ptr),
        I::LocalGet(i),
        I::I32Add,
        I::I32Load8U(mem(0, 0)),
        I::I32Const(15),
        I::I32And,
    ] {
        f.instruction(&op);
    }
    digit(&mut f);
    for op in [
        I::LocalGet(i),
        I::I32Const(1),
        I::I32Add,
        I::LocalSet(i),
        I::Br(0),
        I::End,
        I::End,
        I::End,
    ] {
        f.instruction(&op);
    }
    f
}

/// `$flush()`: write the line to stdout, empty it.
fn flush_function() -> Function {
    let mut f = Function::new([]);
    for op in [
        I::I32Const(0),
        I::I32Const(LINE as i32),
        I::I32Store(mem(IOV, 2)),
        I::I32Const(0),
        I::GlobalGet(0),
        I::I32Store(mem(IOV + 4, 2)),
        I::I32Const(1),
        I::I32Const(IOV as i32),
        I::I32Const(1),
        I::I32Const(NWRITTEN as i32),
        I::Call(import("fd_write")),
        I::Drop,
        I::I32Const(0),
        I::GlobalSet(0),
        I::End,
    ] {
        f.instruction(&op);
    }
    f
}

/// `$stat()`: ` FILETYPE`, and for a regular file ` NLINK SIZE`, of the
/// filestat at OUT (directory sizes and link counts are the file
/// system's, and inodes and times are the host's).
fn stat_function(h: &Helpers) -> Function {
    let mut f = Function::new([]);
    put_char(&mut f, h, b' ');
    for op in [
        I::I32Const(0),
        I::I64Load8U(mem(OUT + 16, 0)),
        I::Call(h.dec),
        I::I32Const(0),
        I::I32Load8U(mem(OUT + 16, 0)),
        I::I32Const(4),
        I::I32Eq,
        I::If(BlockType::Empty),
    ] {
        f.instruction(&op);
    }
    put_out(&mut f, h, 24, true);
    put_out(&mut f, h, 32, true);
    f.instruction(&I::End);
    f.instruction(&I::End);
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Tree;
    use conformance_seed::SeedRng;

    #[test]
    fn every_generated_program_is_a_valid_command() {
        for seed in 0..200 {
            let mut rng = SeedRng::new(seed);
            let tree = Tree::generate(&mut rng);
            let program = Program::generate(&mut rng, &tree);
            let bytes = emit(&program);
            wasmparser::Validator::new()
                .validate_all(&bytes)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{}", program.describe()));
        }
    }
}
