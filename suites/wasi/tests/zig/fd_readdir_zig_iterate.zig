//! fd_readdir_zig_iterate (Zig std): Dir.iterate over a directory opened
//! with .iterate = true (path_open O_DIRECTORY, then fd_readdir with
//! cookies). Zig skips "." and ".."; the order is unspecified (witx
//! fd_readdir), so the names are sorted. The preopen itself is reopened
//! as "." with iterate rights first: a subset of the preopen's rights,
//! which witx path_open allows ("must be a subset of the rights of the
//! directory"). Kinds come from dirent.d_type.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

fn lessThan(_: void, a: []const u8, b: []const u8) bool {
    return std.mem.lessThan(u8, a, b);
}

fn list(io: Io, out: *Io.Writer, arena: std.mem.Allocator, dir: Io.Dir, label: []const u8) !void {
    var names: std.ArrayList([]const u8) = .empty;
    var it = dir.iterate();
    while (try it.next(io)) |e| {
        try names.append(arena, try std.fmt.allocPrint(arena, "{s} {s}", .{ e.name, @tagName(e.kind) }));
    }
    std.mem.sort([]const u8, names.items, {}, lessThan);
    try out.print("{s}:\n", .{label});
    for (names.items) |n| try out.print("  {s}\n", .{n});
}

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const arena = init.arena.allocator();
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    const top = try root.openDir(io, ".", .{ .iterate = true });
    try list(io, out, arena, top, ".");
    const sub = try root.openDir(io, "sub", .{ .iterate = true });
    try list(io, out, arena, sub, "sub");
    const nested = try sub.openDir(io, "nested", .{ .iterate = true });
    try list(io, out, arena, nested, "sub/nested");
    if (root.openDir(io, "hello.txt", .{ .iterate = true })) |_| {
        try out.print("openDir hello.txt: opened\n", .{});
    } else |err| try out.print("openDir hello.txt: {s}\n", .{@errorName(err)});
}
