//! path_filestat_zig_stat (Zig std): Dir.statFile (path_filestat_get),
//! File.stat and Dir.stat (fd_filestat_get) report kind and size; with
//! .follow_symlinks = false a symbolic link is itself a sym_link whose size
//! is the length of its target text (witx filestat.size: "For symbolic
//! links, the length in bytes of the pathname contained in the symbolic
//! link"); a missing name is FileNotFound (ENOENT), and so is a path
//! through a regular file (POSIX: ENOTDIR, which Zig's statFile also maps
//! to FileNotFound). Inodes are compared, not printed.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    try root.symLink(io, "sub/a.txt", "link", .{});
    for ([_][]const u8{ "hello.txt", "sub", "sub/nested/c.txt", "link" }) |p| {
        const st = try root.statFile(io, p, .{});
        if (st.kind == .directory) {
            try out.print("statFile {s}: {s}\n", .{ p, @tagName(st.kind) });
        } else try out.print("statFile {s}: {s} {d} bytes, nlink {d}\n", .{ p, @tagName(st.kind), st.size, st.nlink });
    }
    const l = try root.statFile(io, "link", .{ .follow_symlinks = false });
    try out.print("statFile link (no follow): {s} {d} bytes\n", .{ @tagName(l.kind), l.size });
    for ([_][]const u8{ "missing", "hello.txt/x" }) |p| {
        if (root.statFile(io, p, .{})) |_| {
            try out.print("statFile {s}: found\n", .{p});
        } else |err| try out.print("statFile {s}: {s}\n", .{ p, @errorName(err) });
    }
    const f = try root.openFile(io, "hello.txt", .{});
    const fst = try f.stat(io);
    const pst = try root.statFile(io, "hello.txt", .{});
    try out.print("File.stat: {s} {d} bytes, same inode as statFile: {}\n", .{ @tagName(fst.kind), fst.size, fst.inode == pst.inode });
    const a = try root.statFile(io, "sub/a.txt", .{});
    try out.print("link and its target share the inode: {}\n", .{a.inode == (try root.statFile(io, "link", .{})).inode});
    const dst = try root.stat(io);
    try out.print("Dir.stat of the preopen: {s}\n", .{@tagName(dst.kind)});
}
