//! path_create_directory_zig_make_path (Zig std): Dir.createDirPath makes
//! every missing component ("mkdir -p"), succeeds when the path already
//! exists as a directory, and fails with NotDir when a component is a
//! regular file (POSIX mkdir: "[ENOTDIR] A component of the path prefix
//! names an existing file that is neither a directory nor a symbolic link
//! to a directory"). createDir of an existing name is PathAlreadyExists
//! (EEXIST). statFile reports each kind.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    try root.createDirPath(io, "a/b/c");
    try out.print("createDirPath a/b/c: ok\n", .{});
    try root.createDirPath(io, "a/b/c");
    try out.print("createDirPath a/b/c again: ok\n", .{});
    try root.createDirPath(io, "sub/nested/deeper");
    try out.print("createDirPath sub/nested/deeper: ok\n", .{});
    if (root.createDirPath(io, "hello.txt/x")) |_| {
        try out.print("createDirPath hello.txt/x: ok\n", .{});
    } else |err| try out.print("createDirPath hello.txt/x: {s}\n", .{@errorName(err)});
    if (root.createDir(io, "a", .default_dir)) |_| {
        try out.print("createDir a: ok\n", .{});
    } else |err| try out.print("createDir a: {s}\n", .{@errorName(err)});
    for ([_][]const u8{ "a", "a/b", "a/b/c", "sub/nested/deeper", "sub/nested/c.txt" }) |p| {
        const st = try root.statFile(io, p, .{});
        try out.print("{s}: {s}\n", .{ p, @tagName(st.kind) });
    }
}
