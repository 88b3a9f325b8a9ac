//! path_link_zig (Zig std): Dir.hardLink (path_link, no SYMLINK_FOLLOW)
//! gives a file a second name: both report nlink 2 and one inode, a write
//! through one name is read through the other (POSIX link). A link onto an
//! existing name is PathAlreadyExists (EEXIST), of a missing source
//! FileNotFound (ENOENT).
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

    try root.hardLink("sub/a.txt", root, "a_again.txt", io, .{});
    try out.print("hardLink sub/a.txt -> a_again.txt: ok\n", .{});
    const s1 = try root.statFile(io, "sub/a.txt", .{});
    const s2 = try root.statFile(io, "a_again.txt", .{});
    try out.print("nlink {d} {d}, same inode: {}\n", .{ s1.nlink, s2.nlink, s1.inode == s2.inode });
    const f = try root.openFile(io, "a_again.txt", .{ .mode = .write_only });
    try f.writePositionalAll(io, "A", 0);
    f.close(io);
    const data = try root.readFileAlloc(io, "sub/a.txt", arena, .limited(64));
    try out.print("sub/a.txt after writing through the link: [{s}]\n", .{data});
    if (root.hardLink("hello.txt", root, "sub/b.txt", io, .{})) |_| {
        try out.print("hardLink onto sub/b.txt: ok\n", .{});
    } else |err| try out.print("hardLink onto sub/b.txt: {s}\n", .{@errorName(err)});
    if (root.hardLink("missing", root, "x", io, .{})) |_| {
        try out.print("hardLink missing: ok\n", .{});
    } else |err| try out.print("hardLink missing: {s}\n", .{@errorName(err)});
}
