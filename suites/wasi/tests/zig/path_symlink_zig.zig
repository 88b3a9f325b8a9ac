//! path_symlink_zig (Zig std): Dir.symLink (path_symlink) stores the target
//! text and Dir.readLink (path_readlink) returns it; opening through a
//! relative link with Dir.openFile does not: Zig 0.17's WASI openFile
//! passes lookupflags 0 (no SYMLINK_FOLLOW, whatever its follow_symlinks
//! option says), and a path_open without it that names a symbolic link
//! fails (POSIX O_NOFOLLOW: "[ELOOP] ... the path argument names a symbolic
//! link"; Zig's SymLinkLoop); statFile does follow (path_filestat_get with
//! SYMLINK_FOLLOW). A dangling link can be made and read;
//! readLink of a regular file is NotLink (POSIX readlink: EINVAL "not a
//! symbolic link"); symLink onto an existing name is PathAlreadyExists
//! (EEXIST). deleteFile of the link removes only the link.
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

    try root.symLink(io, "nested/c.txt", "sub/to_c", .{});
    try root.symLink(io, "nowhere", "dangling", .{});
    var buf: [64]u8 = undefined;
    const n = try root.readLink(io, "sub/to_c", &buf);
    try out.print("readLink sub/to_c: [{s}]\n", .{buf[0..n]});
    const m = try root.readLink(io, "dangling", &buf);
    try out.print("readLink dangling: [{s}]\n", .{buf[0..m]});
    if (root.readFileAlloc(io, "sub/to_c", arena, .limited(64))) |data| {
        try out.print("readFileAlloc through sub/to_c: [{s}]\n", .{data});
    } else |err| try out.print("readFileAlloc through sub/to_c: {s}\n", .{@errorName(err)});
    const st = try root.statFile(io, "sub/to_c", .{});
    try out.print("statFile through sub/to_c: {s} {d} bytes\n", .{ @tagName(st.kind), st.size });
    if (root.readLink(io, "hello.txt", &buf)) |_| {
        try out.print("readLink hello.txt: ok\n", .{});
    } else |err| try out.print("readLink hello.txt: {s}\n", .{@errorName(err)});
    if (root.symLink(io, "x", "hello.txt", .{})) |_| {
        try out.print("symLink onto hello.txt: ok\n", .{});
    } else |err| try out.print("symLink onto hello.txt: {s}\n", .{@errorName(err)});
    if (root.openFile(io, "dangling", .{})) |_| {
        try out.print("openFile dangling: opened\n", .{});
    } else |err| try out.print("openFile dangling: {s}\n", .{@errorName(err)});
    try root.deleteFile(io, "dangling");
    try out.print("deleteFile dangling: ok\n", .{});
}
