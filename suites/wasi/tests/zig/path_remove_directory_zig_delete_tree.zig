//! path_remove_directory_zig_delete_tree (Zig std): Dir.deleteTree removes
//! a directory with everything in it (fd_readdir, path_unlink_file,
//! path_remove_directory), and of a missing path it succeeds (Zig
//! documents: "If the path does not exist, no error is returned").
//! deleteDir of a non-empty directory fails (POSIX rmdir: EEXIST or
//! ENOTEMPTY, Zig's error.DirNotEmpty), deleteFile of a directory fails
//! (witx path_unlink_file: "Return errno::isdir if the path refers to a
//! directory"; Zig's error.IsDir).
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    if (root.deleteDir(io, "sub")) |_| {
        try out.print("deleteDir sub: ok\n", .{});
    } else |err| try out.print("deleteDir sub: {s}\n", .{@errorName(err)});
    if (root.deleteFile(io, "sub")) |_| {
        try out.print("deleteFile sub: ok\n", .{});
    } else |err| try out.print("deleteFile sub: {s}\n", .{@errorName(err)});
    try root.deleteTree(io, "sub");
    try out.print("deleteTree sub: ok\n", .{});
    try root.deleteTree(io, "not_there");
    try out.print("deleteTree not_there: ok\n", .{});
    if (root.statFile(io, "sub", .{})) |_| {
        try out.print("sub after: exists\n", .{});
    } else |err| try out.print("sub after: {s}\n", .{@errorName(err)});
    const st = try root.statFile(io, "hello.txt", .{});
    try out.print("hello.txt kept: {s} {d}\n", .{ @tagName(st.kind), st.size });
}
