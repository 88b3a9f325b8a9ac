//! path_rename_zig (Zig std): Dir.rename moves a file to a new name, into
//! another directory through a second Dir handle (path_rename with two
//! different fds), replaces an existing file (POSIX rename), moves a
//! directory with its contents, and fails for a missing source (ENOENT,
//! error.FileNotFound) and for a directory onto a non-empty directory
//! (POSIX rename: "[EEXIST] or [ENOTEMPTY] The link named by new is a
//! directory that is not an empty directory", printed "not empty").
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
    const sub = try root.openDir(io, "sub", .{});

    try root.rename("hello.txt", root, "renamed.txt", io);
    try out.print("rename hello.txt -> renamed.txt: ok\n", .{});
    try root.rename("renamed.txt", sub, "nested/moved.txt", io);
    try out.print("rename renamed.txt -> sub/nested/moved.txt (two dirs): ok\n", .{});
    try sub.rename("a.txt", sub, "b.txt", io);
    try out.print("rename sub/a.txt over sub/b.txt: ok\n", .{});
    const b = try root.readFileAlloc(io, "sub/b.txt", arena, .limited(64));
    try out.print("sub/b.txt now: [{s}]\n", .{b});
    try root.createDirPath(io, "full/x");
    if (root.rename("sub", root, "full", io)) |_| {
        try out.print("rename sub over non-empty full: ok\n", .{});
    } else |err| try out.print("rename sub over non-empty full: {s}\n", .{if (err == error.DirNotEmpty or err == error.PathAlreadyExists) "not empty" else @errorName(err)});
    try root.rename("sub", root, "sub2", io);
    try out.print("rename sub -> sub2: ok\n", .{});
    const moved = try root.readFileAlloc(io, "sub2/nested/moved.txt", arena, .limited(64));
    try out.print("sub2/nested/moved.txt: [{s}]\n", .{moved});
    if (root.rename("missing", root, "x", io)) |_| {
        try out.print("rename missing: ok\n", .{});
    } else |err| try out.print("rename missing: {s}\n", .{@errorName(err)});
}
