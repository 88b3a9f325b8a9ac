//! fd_readdir_zig_walk (Zig std): Dir.walk visits every entry of the tree
//! below the preopen (opened again as "." with iterate rights), depth
//! first, opening each subdirectory (path_open O_DIRECTORY) and reading it
//! (fd_readdir). Paths and kinds are sorted (order unspecified); a
//! symbolic link is reported as a sym_link and not descended into.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

fn lessThan(_: void, a: []const u8, b: []const u8) bool {
    return std.mem.lessThan(u8, a, b);
}

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const arena = init.arena.allocator();
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;
    try root.symLink(io, "sub", "sub_link", .{});

    const top = try root.openDir(io, ".", .{ .iterate = true });
    var walker = try top.walk(arena);
    defer walker.deinit();
    var items: std.ArrayList([]const u8) = .empty;
    while (try walker.next(io)) |e| {
        try items.append(arena, try std.fmt.allocPrint(arena, "{s} {s} depth {d}", .{ e.path, @tagName(e.kind), e.depth() }));
    }
    std.mem.sort([]const u8, items.items, {}, lessThan);
    for (items.items) |s| try out.print("{s}\n", .{s});
}
