//! path_open_zig_opendir_rights (Zig std): Zig opens a directory with
//! Dir.openDir asking only for directory rights, base and inheriting alike
//! (no fd_read or fd_write to hand down), and then opens a file beneath it
//! asking for fd_read. The preview1 rights model decides:
//! fdstat.fs_rights_inheriting is the "Maximum set of rights that may be
//! installed on new file descriptors that are created through this file
//! descriptor", and path_open "is allowed to return a file descriptor with
//! fewer rights than specified, if and only if those rights do not apply to
//! the type of file being opened". So a host that keeps rights must refuse
//! the open (ENOTCAPABLE, Zig's AccessDenied: WasmEdge, WAMR and the
//! reference do), and a host without per-fd rights opens and reads
//! (wasmtime, wazero). Both outcomes are accepted; what is not allowed is
//! an fd that opened but cannot read (the reference did that before).
//! Directory-only work beneath the handle (iterate, createDir, rename)
//! needs no file rights and works everywhere.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const arena = init.arena.allocator();
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    const sub = try root.openDir(io, "sub", .{ .iterate = true });
    try sub.createDir(io, "made", .default_dir);
    try sub.rename("b.txt", sub, "made/b.txt", io);
    try out.print("createDir and rename beneath the handle: ok\n", .{});
    if (sub.readFileAlloc(io, "a.txt", arena, .limited(64))) |data| {
        try out.print("read sub/a.txt through the handle: [{s}]\n", .{data});
    } else |err| try out.print("read sub/a.txt through the handle: {s}\n", .{@errorName(err)});
}
